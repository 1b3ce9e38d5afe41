//! Issue 17 ("hardening, round 2"): never overwrite or delete what ftlkit did
//! not write, never read outside the project, no quadratic traps. One test (or
//! a few) per item, on real files and real CLI runs.

mod common;
use common::{ftlkit, read, shipped_copy};

/// Item 3: prune removes exactly the obsolete messages it names; a comment
/// block and junk a translator wrote after them stay, and the count is right.
#[test]
fn prune_removes_only_the_obsolete_messages_and_counts_them() {
    let tmp = shipped_copy();
    let root = tmp.path();
    let fr = root.join("locales/fr/page.ftl");
    std::fs::write(&fr, read(&fr) + "old-message = Ancien message\n").unwrap();
    let run = ftlkit(root, &["sync", "fr"]);
    assert!(
        run.stdout.contains("1 obsolete message moved to the end"),
        "{}",
        run.stdout
    );
    let note = "\n# Note for the reviewer: keep the old wording until\n# ticket L10N-42 is closed.\n\nbroken line without an equals sign\n";
    std::fs::write(&fr, read(&fr) + note).unwrap();

    let run = ftlkit(root, &["sync", "fr", "--prune"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("1 obsolete message removed"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("removed: old-message"),
        "{}",
        run.stdout
    );
    let after = read(&fr);
    assert!(!after.contains("old-message"), "{after}");
    assert!(
        after.contains(
            "# Note for the reviewer: keep the old wording until\n# ticket L10N-42 is closed.\n"
        ),
        "{after}"
    );
    assert!(
        after.contains("broken line without an equals sign\n"),
        "{after}"
    );
    // Said, not silent: the kept lines are named on stderr.
    assert!(
        run.stderr.contains("broken line without an equals sign"),
        "{}",
        run.stderr
    );
    // And a second prune changes nothing.
    let again = ftlkit(root, &["sync", "fr", "--prune"]);
    assert_eq!(read(&fr), after, "{}", again.stdout);
}
