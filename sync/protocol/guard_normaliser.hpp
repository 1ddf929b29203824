// The one normalisation step that runs before every rule of the personal-data guard
// (personal_data_guard.hpp). People in a hurry, careless people and people who mean to get a
// number past the guard write the same personnummer in many ways: with a space, a dot, a slash,
// an underscore, an en dash or a minus sign (U+2212) between the parts, with every digit spaced
// out, in full-width, Arabic-Indic, Devanagari, mathematical bold or circled digits, with O for
// 0 and l for 1, spelled out in words, or with a character that shows nothing in between. The
// rules match one written form each; this step maps all of those forms onto it first.
//
// What it does, in order (ICU, libicu-dev: see docs/safety.md for why ICU and not utf8proc):
//  1. Unicode NFKC, one normalisation segment at a time (so every output character knows which
//     input bytes it came from): full-width, superscript, circled and mathematical digits
//     become ASCII, ligatures and compatibility letters are split, "a" + U+0308 becomes "ä".
//  2. Every decimal digit of any script (Unicode category Nd: Arabic-Indic, Eastern
//     Arabic-Indic, Devanagari, Bengali, Thai, …) and every other single-digit number character
//     (❶, ⓿) becomes its ASCII digit.
//  3. Characters that show nothing (default-ignorable code points: zero-width spaces and
//     joiners, the soft hyphen, direction marks, variation selectors …) and control characters
//     are dropped; every kind of dash and minus sign becomes '-', slash-like characters '/',
//     dot-like ones '.', plus-like ones '+', at-like ones '@'.
//  4. Whitespace of every kind is folded: a run of blanks becomes one ' ', or one '\n' when it
//     holds a line break.
//  5. Letters that stand in for digits inside a run of digits (O and o for 0; l, I and | for 1;
//     their Cyrillic and Greek look-alikes) become those digits — only when the run holds a
//     real digit and touches no other letter, so "Olle" and "I dag" stay as they are.
//  6. Digits written as words, in Swedish or English ("noll sju noll …", "zero seven …"),
//     become digits when at least three digit words or digit groups follow each other.
// The separators themselves (space, '-', '.', '/', '_', '+') stay: the rules decide which of
// them may join the parts of a number.
//
// The result keeps, for every byte, the span of the original bytes it came from, so a refusal
// can mark the right characters of what the person wrote. Pure, no I/O; safe to call from many
// threads. Malformed UTF-8 is read byte by byte as U+FFFD, never thrown on.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace faltstod::protocol {

struct NormalisedText {
    std::string text;  // UTF-8
    // origin_begin[k], origin_end[k]: the bytes [begin, end) of the original text that byte k
    // of `text` came from. A character made from several (a composed "ä", a digit word) maps
    // to all of them.
    std::vector<std::size_t> origin_begin;
    std::vector<std::size_t> origin_end;

    struct Span {
        std::size_t offset;
        std::size_t length;
    };
    // The original bytes behind `length` bytes of `text` from `offset` (length > 0).
    Span original_span(std::size_t offset, std::size_t length) const;
};

NormalisedText normalise_for_guard(std::string_view text);

}  // namespace faltstod::protocol
