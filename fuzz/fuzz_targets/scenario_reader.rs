//! Fuzz target: any bytes through the scenario and action-file readers.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| shopsim_fuzz::scenario_reader(data));
