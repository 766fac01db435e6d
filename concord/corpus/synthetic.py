"""Pairing test sets: real document pairs copied under scrambled names with orphans added, and
synthetic releases made from the beads of our own corpus, for measuring pairing at scale.

Used by the tests and ``scripts/bench_batch.py``; the evaluation data in ``../shared`` is read by
path and copied only into temporary folders.
"""
from __future__ import annotations

import random
import shutil
from pathlib import Path

from align.evaluate import read_beads

Pair = tuple[Path, Path]  # (Chinese, English)
_MONTHS = ("January February March April May June July August September October November "
           "December").split()


def gold_pairs(shared: Path) -> list[Pair]:
    """Every document of pol-dev, mac-dev and wmt22 (English with its translation A)."""
    gold = shared / "corpora" / "gold"
    pairs = [(zh, zh.with_suffix(".en")) for name in ("pol-dev", "mac-dev")
             for zh in sorted((gold / name).glob("*.zh"))]
    pairs += [(en.with_suffix(".zhA"), en) for en in sorted((gold / "wmt22-news-enzh").glob("*.en"))]
    return pairs


def release_pairs(releases: Path) -> list[Pair]:
    """The release pairs of ``corpora/releases`` (plain text)."""
    return [(zh, zh.with_name(zh.name.replace(".zh.txt", ".en.txt")))
            for zh in sorted(releases.glob("*.zh.txt"))]


def scrambled(pairs: list[Pair], out: Path, *, seed: int = 7, orphan_every: int = 10,
              one_folder: bool = False) -> set[tuple[str, str]]:
    """Copy ``pairs`` into ``out/zh`` and ``out/en`` (or ``out`` alone) under random names; every
    ``orphan_every`` pairs the last loses its English side and the one before it its Chinese side.
    Returns the true pairs as (Chinese path, English path) strings."""
    rng = random.Random(seed)
    names = rng.sample(range(10 ** 6), 2 * len(pairs))
    zh_dir, en_dir = (out, out) if one_folder else (out / "zh", out / "en")
    zh_dir.mkdir(parents=True, exist_ok=True)
    en_dir.mkdir(parents=True, exist_ok=True)
    truth = set()
    for k, (zh, en) in enumerate(pairs):
        zh_copy, en_copy = zh_dir / f"d{names[2 * k]:06d}.txt", en_dir / f"d{names[2 * k + 1]:06d}.txt"
        keep_zh, keep_en = k % orphan_every != orphan_every - 2, k % orphan_every != orphan_every - 1
        if keep_zh:
            shutil.copyfile(zh, zh_copy)
        if keep_en:
            shutil.copyfile(en, en_copy)
        if keep_zh and keep_en:
            truth.add((str(zh_copy), str(en_copy)))
    return truth


def synthetic_releases(releases: Path, count: int, out: Path, *, seed: int = 11,
                       beads: int = 12) -> set[tuple[str, str]]:
    """``count`` synthetic release pairs in ``out/zh`` and ``out/en`` under unrelated names: each
    a date line (a random date, in each language's style) and ``beads`` beads drawn from the
    gold alignments of ``releases``, whose digits are permuted (the same way in both languages,
    another way in each document: numbers differ from release to release as they do in an
    archive). Returns the true pairs."""
    pool: list[tuple[str, str]] = []
    for align_file in sorted(releases.glob("*.align")):
        zh = (releases / f"{align_file.stem}.zh.sents").read_text(encoding="utf-8").splitlines()
        en = (releases / f"{align_file.stem}.en.sents").read_text(encoding="utf-8").splitlines()
        for src, tgt in read_beads(align_file):
            if src and tgt:
                pool.append(("".join(zh[i] for i in src), " ".join(en[j] for j in tgt)))
    rng = random.Random(seed)
    (out / "zh").mkdir(parents=True, exist_ok=True)
    (out / "en").mkdir(parents=True, exist_ok=True)
    truth = set()
    for k in range(count):
        year, month, day = rng.randint(1990, 2030), rng.randint(1, 12), rng.randint(1, 28)
        chosen = rng.sample(pool, beads)
        digits = list("0123456789")
        rng.shuffle(digits)
        permute = str.maketrans("0123456789", "".join(digits))
        zh_text = f"{year}年{month}月{day}日\n" + "\n".join(z for z, _ in chosen).translate(permute)
        en_text = (f"{_MONTHS[month - 1]} {day}, {year}\n"
                   + "\n".join(e for _, e in chosen).translate(permute))
        zh_path, en_path = out / "zh" / f"r{k:06d}.txt", out / "en" / f"s{(k * 7919) % count:06d}.txt"
        zh_path.write_text(zh_text + "\n", encoding="utf-8")
        en_path.write_text(en_text + "\n", encoding="utf-8")
        truth.add((str(zh_path), str(en_path)))
    return truth
