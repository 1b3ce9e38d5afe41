//! Python's `difflib.SequenceMatcher` opcodes (without junk heuristics: the
//! sequences compared here are a string's few printf arguments), so that
//! `printf-placeholder` names the arguments compare-locales names.

/// One step from `a` to `b`: ranges of `a` (and of `b`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    Equal(usize, usize, usize, usize),
    Delete(usize, usize),
    Insert(usize, usize),
    Replace(usize, usize, usize, usize),
}

/// The longest block of `a[alo..ahi]` equal to one of `b[blo..bhi]`: the
/// earliest in `a`, then in `b` (`find_longest_match`).
fn longest<T: PartialEq>(
    a: &[T],
    b: &[T],
    alo: usize,
    ahi: usize,
    blo: usize,
    bhi: usize,
) -> (usize, usize, usize) {
    let (mut besti, mut bestj, mut best) = (alo, blo, 0);
    let mut lengths = vec![0usize; b.len() + 1];
    for (i, item) in a.iter().enumerate().take(ahi).skip(alo) {
        let mut next = vec![0usize; b.len() + 1];
        for (j, other) in b.iter().enumerate().take(bhi).skip(blo) {
            if item == other {
                let k = lengths[j] + 1;
                next[j + 1] = k;
                if k > best {
                    besti = i + 1 - k;
                    bestj = j + 1 - k;
                    best = k;
                }
            }
        }
        lengths = next;
    }
    (besti, bestj, best)
}

/// `get_matching_blocks`: the blocks in order, adjacent ones merged.
fn matching_blocks<T: PartialEq>(a: &[T], b: &[T]) -> Vec<(usize, usize, usize)> {
    let mut queue = vec![(0, a.len(), 0, b.len())];
    let mut blocks = Vec::new();
    while let Some((alo, ahi, blo, bhi)) = queue.pop() {
        let (i, j, k) = longest(a, b, alo, ahi, blo, bhi);
        if k > 0 {
            blocks.push((i, j, k));
            if alo < i && blo < j {
                queue.push((alo, i, blo, j));
            }
            if i + k < ahi && j + k < bhi {
                queue.push((i + k, ahi, j + k, bhi));
            }
        }
    }
    blocks.sort_unstable();
    let mut merged: Vec<(usize, usize, usize)> = Vec::new();
    for (i, j, k) in blocks {
        match merged.last_mut() {
            Some(last) if last.0 + last.2 == i && last.1 + last.2 == j => last.2 += k,
            _ => merged.push((i, j, k)),
        }
    }
    merged.push((a.len(), b.len(), 0));
    merged
}

/// `get_opcodes`.
pub fn opcodes<T: PartialEq>(a: &[T], b: &[T]) -> Vec<Op> {
    let (mut i, mut j) = (0, 0);
    let mut out = Vec::new();
    for (ai, bj, size) in matching_blocks(a, b) {
        match (i < ai, j < bj) {
            (true, true) => out.push(Op::Replace(i, ai, j, bj)),
            (true, false) => out.push(Op::Delete(i, ai)),
            (false, true) => out.push(Op::Insert(j, bj)),
            (false, false) => {}
        }
        i = ai + size;
        j = bj + size;
        if size > 0 {
            out.push(Op::Equal(ai, i, bj, j));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn opcodes_as_difflib_gives_them() {
        // difflib.SequenceMatcher(None, "abcd", "acbx").get_opcodes()
        assert_eq!(
            opcodes(b"abcd", b"acbx"),
            [
                Op::Equal(0, 1, 0, 1),
                Op::Insert(1, 2),
                Op::Equal(1, 2, 2, 3),
                Op::Replace(2, 4, 3, 4)
            ]
        );
        assert_eq!(
            opcodes(b"SS", b"S"),
            [Op::Equal(0, 1, 0, 1), Op::Delete(1, 2)]
        );
        assert_eq!(opcodes(b"", b"S"), [Op::Insert(0, 1)]);
    }
}
