"""Read two documents and align them: the step shared by ``concord align``, ``check`` and ``review``."""
from __future__ import annotations

import os
import re
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from align.aligner import align
from align.document import read_document
from align.model import Alignment
from align.scoring import Scorer

if TYPE_CHECKING:
    from concord.console import UI


def document_id(path: str | os.PathLike[str]) -> str:
    """The document id of a release file: ``2022-01-10-call.zh.txt`` → ``2022-01-10-call``.

    Used as ``x-concord-doc`` and in tuids by ``align``, ``check`` and ``review`` alike, so that
    memories made from the same pair by any of them agree.
    """
    name = Path(path).name
    name = re.sub(r"\.(txt|md|markdown|html?|text)$", "", name, flags=re.I)
    return re.sub(r"[._-](zh|en|zh-cn|en-us|chs|cht|cn)$", "", name, flags=re.I) or name


def align_files(source_path: str | os.PathLike[str], target_path: str | os.PathLike[str], *,
                src_lang: str | None = None, tgt_lang: str | None = None, presplit: bool = False,
                scorer: str | Scorer = "lexical",
                anchors: Sequence[tuple[str, Sequence[str]]] = (), ui: UI | None = None,
                max_bead: int = 4) -> Alignment:
    """Read, segment and align two documents; progress and warnings go to ``ui`` when one is
    given."""
    if ui is not None:
        ui.info(f"reading {source_path} and {target_path}")
    source = read_document(source_path, lang=src_lang, presplit=presplit)
    target = read_document(target_path, lang=tgt_lang, presplit=presplit)
    if ui is None:
        return align(source, target, scorer=scorer, anchors=anchors, max_bead=max_bead)
    ui.info(f"{source.name or source_path}: {len(source)} sentences ({source.lang}); "
            f"{target.name or target_path}: {len(target)} sentences ({target.lang})")
    with ui.progress("aligning", len(source)) as advance:
        alignment = align(source, target, scorer=scorer, anchors=anchors, max_bead=max_bead,
                          progress=advance)
    for warning in alignment.warnings:
        ui.warn(warning)
    return alignment
