//! Signing: WeChat's card signature and building a signed cardExt.

mod common;

use std::hint::black_box;

use criterion::{Criterion, SamplingMode, criterion_group, criterion_main};
use wxcard::host::FixedHost;
use wxcard::{CardExtInput, build_card_ext, card_signature};

use common::{CARD_ID, CODE, NONCE, NOW, TICKET, TIMESTAMP, ThreadCpuTime};

fn signing(c: &mut Criterion<ThreadCpuTime>) {
    let mut group = c.benchmark_group("sign");
    group.sampling_mode(SamplingMode::Flat);
    let timestamp = TIMESTAMP.to_string();
    let values = [TICKET, timestamp.as_str(), CARD_ID, CODE, NONCE];
    group.bench_function("card_signature", |b| {
        b.iter(|| card_signature(black_box(&values)))
    });
    let input = CardExtInput::new(TICKET, CARD_ID)
        .with_code(CODE)
        .with_timestamp(TIMESTAMP)
        .with_nonce_str(NONCE);
    let host = FixedHost { now: Some(NOW) };
    group.bench_function("build_card_ext", |b| {
        b.iter(|| build_card_ext(black_box(&input), &host))
    });
    group.finish();
}

criterion_group! {
    name = benches;
    config = common::config();
    targets = signing
}
criterion_main!(benches);
