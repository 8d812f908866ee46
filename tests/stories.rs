//! Stories on the evaluation set: the grouping keeps the figures it reached.

use std::path::Path;

use brief::evaluation::evaluate;

/// What `cargo run --release --example story_eval` printed when the grouping was tuned
/// (precision 1.000, recall 0.964), less a small margin.
const FLOORS: (f64, f64) = (0.97, 0.93);

#[test]
fn story_eval_holds_its_figures() {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/story_eval");
    let figures = evaluate(&folder).expect("the evaluation set loads");
    assert_eq!(figures.articles, 151);
    assert_eq!(figures.true_stories, 33);
    let (precision, recall) = FLOORS;
    assert!(
        figures.precision() >= precision,
        "precision {:.3} < {precision}: grouped wrongly {:?}",
        figures.precision(),
        figures.wrong
    );
    assert!(
        figures.recall() >= recall,
        "recall {:.3} < {recall}: missed {:?}",
        figures.recall(),
        figures.missed
    );
}
