"""The spaCy pipeline that finds entities in cleaned article text.

Interface (what `camket.extract` relies on):

- `get_nlp()` returns the process-wide pipeline (built once per worker):
  `spacy.blank("vi")` with syllable tokens (no pyvi; the registered tokenizer
  `camket.vi_syllables.v1` also splits punctuation, so "Nga," and "Việt-Nga"
  align with entity boundaries) plus camket's registered components
  (camket_gazetteer_v1 -> camket_sentences_v1 -> camket_places_v1 ->
  camket_orgs_v1 -> camket_persons_v1 -> camket_entities_v1 -> camket_frames_v1),
  their rules in `camket/nlp/data/` (frames: `camket/extract/data/frames.tsv`). `python dev/entity_score.py` scores it on the seeds
  and the devset.
- `annotate(texts, published)` yields one `Doc` per text; `published[i]` is
  the article's ISO date (or None), stored as `doc._.published` before the
  components run, so relative dates resolve against it.
- `doc.spans["entities"]`: every entity mention (spans may overlap, e.g. a
  COUNTRY inside an ORG name). `span.label_` is PERSON, COUNTRY, ORG, LOC or
  DATE; `span.kb_id_` is the canonical form (ISO3 for COUNTRY, full name for
  ORG, the article's fullest spelling for PERSON, the name for LOC, ISO date
  or period for DATE). `span._.title` (PERSON: role as written) and
  `span._.country` (PERSON/ORG: ISO3 or None; COUNTRY: its own ISO3) are
  extensions.
- `doc.sents` splits sentences (sentence boundaries set by the pipeline).
"""

from camket.nlp.pipeline import annotate, get_nlp

__all__ = ["annotate", "get_nlp"]
