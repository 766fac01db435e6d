"""Merge, statistics, filters and repairs of memories."""
from __future__ import annotations

from tmx.filters import UnitFilter, filter_units, retag
from tmx.merge import MergeStats, merge, unit_key
from tmx.model import Inline, Segment, Unit, Variant
from tmx.reader import iter_units
from tmx.repair import repair_segment, repair_unit
from tmx.stats import gather
from tmx.validate import validate_file


def unit(tuid, zh, en, date=None, **props):
    attrs = {"changedate": date} if date else {}
    return Unit(tuid, [Variant("zh-CN", Segment.plain(zh)), Variant("en-US", Segment.plain(en))],
                [(f"x-concord-{k}", v) for k, v in props.items()], attrs=attrs)


def test_unit_key_ignores_tag_spelling_and_variant_order_but_not_codes():
    a = Unit("1", [Variant("zh_CN", Segment.plain("你好")), Variant("EN", Segment.plain("Hi"))])
    b = Unit("2", [Variant("en-US", Segment.plain("Hi")), Variant("zh-Hans", Segment.plain("你好"))])
    c = Unit("3", [Variant("zh-CN", Segment.plain("你好")),
                   Variant("en-US", Segment(("Hi", Inline("ph", (), ("<br/>",)))))])
    assert unit_key(a) == unit_key(b)
    assert unit_key(a) != unit_key(c)


def test_merge_keeps_the_newest_duplicate_in_input_order():
    old = unit("a1", "你好", "Hello", "20230101T000000Z", status="unreviewed")
    new = unit("b7", "你好", "Hello", "20240101T000000Z", status="confirmed")
    other = unit("a2", "再见", "Goodbye")
    different = unit("b8", "你好", "Hi")
    stats = MergeStats()
    merged = list(merge([lambda: [old, other], lambda: [new, different]], stats))
    assert [u.tuid for u in merged] == ["a2", "b7", "b8"]
    assert merged[1].prop("x-concord-status") == "confirmed"
    assert (stats.read, stats.kept, stats.duplicates) == ([2, 2], 3, 1)


def test_merge_tie_goes_to_the_later_input():
    first, second = unit("a", "同", "Same"), unit("b", "同", "Same")
    assert [u.tuid for u in merge([lambda: [first], lambda: [second]])] == ["b"]


def test_merge_keeps_the_reviewed_version_of_a_tuid():
    original = unit("d:1", "你好", "Hullo", "20240101T000000Z", status="unreviewed")
    edited = unit("d:1", "你好", "Hello", "20230101T000000Z", status="edited")
    newer = unit("d:1", "你好", "Hello there", "20250101T000000Z", status="unreviewed")
    other = unit("d:2", "再见", "Goodbye")
    for order in ([original, other], [edited]), ([edited], [original, other]):
        stats = MergeStats()
        merged = list(merge([lambda o=order[0]: o, lambda o=order[1]: o], stats))
        assert sorted((u.tuid, u.variants[1].text) for u in merged) == [
            ("d:1", "Hello"), ("d:2", "Goodbye")]
        assert (stats.kept, stats.duplicates, stats.superseded) == (2, 0, 1)
    # of two reviewed versions (or two unreviewed ones) the newer wins
    confirmed = unit("d:1", "你好", "Hello there", "20250101T000000Z", status="confirmed")
    assert [u.variants[1].text for u in merge([lambda: [confirmed], lambda: [edited]])] == [
        "Hello there"]
    assert [u.variants[1].text for u in merge([lambda: [newer], lambda: [original]])] == [
        "Hello there"]


def test_merge_keeps_units_that_share_a_tuid_but_no_segment():
    # two tools numbering their units from 1, or a document aligned again after it changed
    a, b = unit("1", "你好", "Hello"), unit("1", "再见", "Goodbye")
    stats = MergeStats()
    assert len(list(merge([lambda: [a], lambda: [b]], stats))) == 2
    assert stats.superseded == 0


def test_stats_count_what_matters(sample_units, fixtures):
    stats = gather(sample_units)
    assert stats.units == 4
    assert stats.variants == {"zh-CN": 4, "en-US": 4, "zh-TW": 1}
    assert (stats.multilingual, stats.empty_sided, stats.with_codes,
            stats.with_notes) == (1, 1, 2, 1)
    assert stats.statuses == {"confirmed": 1, "unreviewed": 2}
    assert stats.confidence_count == 2
    assert abs(stats.confidence_mean - (0.912 + 0.420) / 2) < 1e-9
    assert stats.confidence_histogram[9] == 1 and stats.confidence_histogram[4] == 1
    assert "zh-CN" not in stats.words  # Chinese has characters, not words
    assert stats.han["zh-CN"] == len("新港区今天正式开港") + len("请点击保存") + len("港口夜景很美")
    assert stats.words["en-US"] == 6 + 3 + 7 + 6
    wild = gather(iter_units(fixtures / "empty-sides.tmx"))
    assert (wild.one_sided, wild.empty_sided) == (1, 2)
    assert gather(list(sample_units) + [sample_units[0]]).duplicate_tuids == 1


def test_filter_by_confidence_status_doc_and_language(sample_units):
    def tuids(flt):
        return [u.tuid for u in filter_units([Unit(u.tuid, list(u.variants), u.props, u.notes,
                                                    u.attrs) for u in sample_units], flt)]
    assert tuids(UnitFilter(min_confidence=0.5)) == ["harbour-2024:1", "harbour-2024:3",
                                                    "harbour-2024:4"]   # no confidence: kept
    assert tuids(UnitFilter(statuses=frozenset({"unreviewed"}))) == ["harbour-2024:2",
                                                                     "harbour-2024:3"]
    assert tuids(UnitFilter(docs=frozenset({"harbour-2024"}))) == ["harbour-2024:1",
                                                                   "harbour-2024:4"]
    [multi] = filter_units([sample_units[3]], UnitFilter(langs=("zh", "en")))
    assert [v.lang for v in multi.variants] == ["zh-CN", "zh-TW", "en-US"]
    [taiwan] = filter_units([sample_units[3]], UnitFilter(langs=("zh-TW", "en")))
    assert [v.lang for v in taiwan.variants] == ["zh-TW", "en-US"]
    assert list(filter_units([sample_units[0]], UnitFilter(langs=("fr",)))) == []


def test_retag_normalises_every_variant():
    units = [Unit("u", [Variant("zh_CN"), Variant("EN"), Variant("not a tag")],
                  attrs={"srclang": "ZH"})]
    [done] = retag(units, en="en-GB")
    assert [v.lang for v in done.variants] == ["zh-CN", "en-GB", "not a tag"]
    assert done.attrs["srclang"] == "zh-CN"


def test_repair_renumbers_duplicates_and_isolates_unpaired_codes(fixtures, tmp_path):
    units = list(iter_units(fixtures / "duplicate-bpt.tmx"))
    changes = [c for u in units for c in repair_unit(u)]
    assert len(changes) == 4
    codes = [(c.tag, c.get("i"), c.get("pos")) for c in units[0].segment("en").inlines()]
    assert codes == [("bpt", "1", None), ("ept", "1", None), ("bpt", "2", None), ("ept", "2", None)]
    assert [c.tag for c in units[1].segment("en").inlines()] == ["it"]
    assert units[0].text("en") == "Important notice: please note"   # text untouched
    from tmx.writer import TMXWriter
    path = tmp_path / "fixed.tmx"
    with open(path, "wb") as stream, TMXWriter(stream, srclang="zh-CN") as writer:
        writer.write_all(units)
    assert validate_file(path).valid


def test_repair_pairs_nested_duplicates_with_the_nearest_opener():
    b = lambda i, c: Inline("bpt", (("i", i),), (c,))   # noqa: E731
    e = lambda i, c: Inline("ept", (("i", i),), (c,))   # noqa: E731
    seg = Segment((b("1", "<a>"), "x", b("1", "<b>"), "y", e("1", "</b>"), e("1", "</a>"),
                   e("9", "</c>")))
    fixed, notes = repair_segment(seg)
    assert [(c.tag, c.get("i") or c.get("pos"), c.code) for c in fixed.inlines()] == [
        ("bpt", "1", "<a>"), ("bpt", "10", "<b>"), ("ept", "10", "</b>"), ("ept", "1", "</a>"),
        ("it", "end", "</c>")]
    assert len(notes) == 2
    assert repair_segment(Segment.plain("nothing")) == (Segment.plain("nothing"), [])
