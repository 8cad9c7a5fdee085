//! Card definitions: validating a card create body with mini-program links.

mod common;

use std::hint::black_box;

use common::ThreadCpuTime;
use criterion::{Criterion, SamplingMode, criterion_group, criterion_main};
use wxcard::{validate_card_definition, validate_card_definition_str};

fn validating(c: &mut Criterion<ThreadCpuTime>) {
    let mut group = c.benchmark_group("card_def");
    group.sampling_mode(SamplingMode::Flat);
    let card = common::card_definition();
    let text = card.to_string();
    assert!(
        validate_card_definition(&card)
            .iter()
            .all(|p| !p.is_error()),
        "the benchmark input must be valid"
    );
    group.bench_function("validate_card_definition", |b| {
        b.iter(|| validate_card_definition(black_box(&card)))
    });
    group.bench_function("validate_card_definition_str", |b| {
        b.iter(|| validate_card_definition_str(black_box(&text)))
    });
    group.finish();
}

criterion_group! {
    name = benches;
    config = common::config();
    targets = validating
}
criterion_main!(benches);
