//! Fuzz target: any bytes as trainee actions on a library scenario, the money invariant
//! checked after each.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| shopsim_fuzz::action_sequence(data));
