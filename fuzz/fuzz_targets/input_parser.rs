#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| cedille_fuzz::input_parser(data));
