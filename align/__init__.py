"""Concord's alignment engine: reading documents, sentence segmentation, scoring and alignment.

Data flows one way: text is read into a :class:`~align.model.Document` of sentences,
the aligner turns two documents into an :class:`~align.model.Alignment` of beads.
This package knows nothing of TMX, glossary files or the command line.
"""
from align.model import Alignment, Bead, Document, Sentence

#: the names of the built-in scorers (see :func:`align.scoring.make_scorer`)
SCORERS = ("lexical", "embed", "hybrid")
#: the document formats a file can be read as (see :func:`align.document.read_document`)
INPUT_FORMATS = ("txt", "md", "html")
#: the largest ``max_bead`` (sentences on one side of a bead): the bead types grow with its
#: square and the work with them (1,000 took minutes and 4.5 GB)
MAX_BEAD = 6

__all__ = ["Alignment", "Bead", "Document", "Sentence", "SCORERS", "INPUT_FORMATS", "MAX_BEAD"]
