//! Checking a cardExt: verification with and without the ticket, the list
//! form, and diagnosis of a mismatching signature.

mod common;

use std::hint::black_box;

use criterion::{Criterion, SamplingMode, Throughput, criterion_group, criterion_main};
use wxcard::diagnose_card_ext;
use wxcard::verify::{VerifyOptions, verify_card_ext, verify_card_list};

use common::{CARD_EXT, CARD_ID, LIST_LEN, NOW, TICKET, ThreadCpuTime};

fn verifying(c: &mut Criterion<ThreadCpuTime>) {
    let mut group = c.benchmark_group("verify");
    group.sampling_mode(SamplingMode::Flat);
    group.throughput(Throughput::Elements(1));
    let without = VerifyOptions::new(CARD_ID).with_now(NOW).with_max_age(600);
    let with = without.clone().with_ticket(TICKET);
    assert!(
        verify_card_ext(CARD_EXT, &with).ok,
        "the benchmark input must verify"
    );
    group.bench_function("verify_card_ext_with_ticket", |b| {
        b.iter(|| verify_card_ext(black_box(CARD_EXT), &with))
    });
    group.bench_function("verify_card_ext_without_ticket", |b| {
        b.iter(|| verify_card_ext(black_box(CARD_EXT), &without))
    });
    let list = common::card_list();
    let mut list_options = with.clone();
    list_options.card_id = None;
    group.throughput(Throughput::Elements(LIST_LEN as u64));
    group.bench_function("verify_card_list_64_with_ticket", |b| {
        b.iter(|| verify_card_list(black_box(&list), &list_options))
    });
    group.finish();
}

fn diagnosing(c: &mut Criterion<ThreadCpuTime>) {
    let mut group = c.benchmark_group("diagnose");
    group.sampling_mode(SamplingMode::Flat);
    let ticket = common::ticket();
    let unsorted = common::unsorted_card_ext();
    assert_eq!(
        diagnose_card_ext(&unsorted, CARD_ID, &ticket).cause,
        Some("UNSORTED"),
        "the benchmark input must be diagnosed"
    );
    group.bench_function("diagnose_unsorted", |b| {
        b.iter(|| diagnose_card_ext(black_box(&unsorted), CARD_ID, &ticket))
    });
    let unexplained = common::unexplained_card_ext();
    group.bench_function("diagnose_no_cause", |b| {
        b.iter(|| diagnose_card_ext(black_box(&unexplained), CARD_ID, &ticket))
    });
    group.finish();
}

criterion_group! {
    name = benches;
    config = common::config();
    targets = verifying, diagnosing
}
criterion_main!(benches);
