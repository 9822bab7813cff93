"""Vocabulary rules (``dvstat.schema``) by hand: labels in each language, the ways of
leaving the list, prefixes of one word, the user's own written forms."""

from __future__ import annotations

from dvstat.schema import LEAVE_REASON, Category, leaving_labels, load_vocabulary


def test_a_category_in_each_language() -> None:
    died = Category("died", "Từ trần", "Died")
    assert died.label("vi") == "Từ trần"
    assert died.label("en") == "Died"


def test_the_ways_of_leaving_in_order_with_other_reasons_last() -> None:
    assert leaving_labels("vi") == {
        "died": "Từ trần",
        "transferred_out": "Chuyển sinh hoạt đi",
        "removed": "Xóa tên",
        "expelled": "Khai trừ",
        "resigned": "Xin ra khỏi Đảng",
        "not_recognized": "Dự bị không được công nhận",
        "unknown": "Lý do khác",
    }
    english = leaving_labels("en")
    assert list(english) == list(leaving_labels("vi"))
    assert english["died"] == "Died" and english["unknown"] == "Other reason"


def test_a_prefix_of_one_word_matches_a_longer_text() -> None:
    reasons = load_vocabulary(LEAVE_REASON)
    assert reasons.match("Mất ngày 03/05/2025 tại nhà") == "died"  # 'Mất' then anything
    assert reasons.match("Chuyển đi Hà Nội") == "transferred_out"  # two words, then more
    assert reasons.match("Ngày nào đó") is None


def test_the_user_s_written_forms_are_added_to_a_copy() -> None:
    reasons = load_vocabulary(LEAVE_REASON)
    mine = reasons.with_aliases({"Đã về với tổ tiên": "died", "CSH đi": "transferred_out"})
    assert mine.match("đã về với  tổ tiên") == "died"
    assert mine.match("CSH đi") == "transferred_out"
    assert reasons.match("CSH đi") is None  # the shipped vocabulary is unchanged
    assert (mine.name, mine.categories) == (reasons.name, reasons.categories)
    assert mine.match("Mất ngày 03/05/2025") == "died"  # its prefixes kept
    assert mine.unmatched == reasons.unmatched
