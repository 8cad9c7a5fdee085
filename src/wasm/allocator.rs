//! The global allocator of the `.wasm`: talc, in its WebAssembly
//! configuration, instead of the standard library's dlmalloc.
//!
//! `talc::wasm::WasmDynamicTalc` takes memory from `memory.grow` as needed,
//! without locks (the module is single-threaded: no atomics, no shared
//! memory), and is built with talc's `disable-realloc-in-place` feature, which
//! trades in-place `realloc` for less code. Native builds keep the system
//! allocator: this module exists only in the wasm32 build.
//!
//! Measured on one snapshot of the crate, the release `.wasm` as
//! `cargo xtask build` ships it. Speed: CPU time per call through the Node
//! entry, median of 81 interleaved rounds with every build loaded side by
//! side in one process; repeated runs on the busy 2-core machine reorder
//! the candidates, so differences of a few per cent are noise. Memory: the
//! wasm memory in the one-million-call soak test (`tests/js/soak.test.mjs`,
//! 8 MB inputs included), flat after warm-up for every candidate.
//!
//! | allocator | `.wasm` brotli | raw | `verifyCardExt` | `verifyCardList`, per item | `buildCardExt` | soak memory |
//! |---|---:|---:|---:|---:|---:|---:|
//! | dlmalloc (std's default) | 87,116 B | 257,678 | 4.71 µs | 3.81 µs | 4.76 µs | 27.9 MiB |
//! | talc 5.1, `WasmDynamicTalc` | 86,291 B | 257,253 | 4.75 µs | 3.90 µs | 4.75 µs | 19.9 MiB |
//! | **talc 5.1, + `disable-realloc-in-place`** | **85,896 B** | 256,800 | 4.84 µs | 3.99 µs | 4.85 µs | 19.9 MiB |
//! | lol_alloc 0.4, `AssumeSingleThreaded<FreeListAllocator>` | 92,776 B | 317,147 | 4.54 µs | 3.82 µs | 4.56 µs | 27.9 MiB |
//! | hand-written power-of-two size classes over `memory.grow` | 84,825 B | 251,752 | 4.70 µs | 3.82 µs | 4.54 µs | 38.4 MiB |
//!
//! lol_alloc's own code is tiny (491 bytes), yet the module grew by 60 KB raw
//! with it (more `core` and `js_sys` code kept after optimisation); it also
//! needs `unsafe` here (`AssumeSingleThreaded::new`), which the crate forbids. A hand-written
//! allocator is 1 KB smaller than talc after brotli but needs `unsafe` code of
//! our own, and its power-of-two classes double the memory of large inputs;
//! talc is maintained, needs no `unsafe` in this crate, and uses the least
//! memory.

#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();
