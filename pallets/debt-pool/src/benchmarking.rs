//! Benchmarks (written below).
