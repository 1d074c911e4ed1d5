"""Build the spaCy pipeline Rasa's SpacyNLP loads: blank `zh` (jieba segmenter) + an EntityRuler.

The ruler's patterns come from the vocabularies in knowledge/reading/lexicon/ (one source of truth with the
slot parsers), so an operator who adds 三乙 or 社区医院 there teaches both. Saved to disk because
SpacyNLP only loads a pipeline by name or path. `make train` runs this first.
"""
from __future__ import annotations

import argparse
import re
from pathlib import Path

import jieba
import spacy

from knowledge.reading.vocabulary import read

USERDICT = Path(__file__).parent / "jieba" / "userdict.txt"
# lexicon file -> the entity label Rasa sees (config.yml, SpacyEntityExtractor dimensions)
LABELS = {"level": "hospital_level", "scheme": "scheme", "status": "status", "care": "care_type", "region": "region"}
# Words listed as exceptions get a label outside the dimensions, so they win over a shorter match
# ("惠民保" over "惠民") and are then dropped by Rasa.
EXCEPTION_LABEL = "not_an_entity"


def load_userdict() -> None:
    """jieba's user dictionary is global state, not saved with the pipeline: load it wherever it is used."""
    jieba.load_userdict(str(USERDICT))


def patterns() -> list[dict]:
    """Each surface word as a phrase (whole tokens), and each group of words as one single-token
    substring match: one regex per group, not per word, because the matcher tries every token
    against every regex (a regex per word made the ruler most of the training time)."""
    result: list[dict] = []
    for name, label in LABELS.items():
        lexicon = read(name)
        groups = [(label, words) for words in lexicon["values"].values()]
        groups += [(EXCEPTION_LABEL, words) for words in (lexicon.get("exceptions") or {}).values()]
        for pattern_label, words in groups:
            words = [str(word) for word in words]
            result += [{"label": pattern_label, "pattern": word} for word in words]
            alternatives = "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))
            result.append({"label": pattern_label, "pattern": [{"TEXT": {"REGEX": alternatives}}]})
    return result


def build() -> spacy.language.Language:
    load_userdict()
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
    ruler = nlp.add_pipe("entity_ruler", config={"overwrite_ents": True})
    ruler.add_patterns(patterns())
    return nlp


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out", type=Path, help="folder to write the pipeline to")
    args = parser.parse_args()
    nlp = build()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(args.out)
    print(f"spaCy pipeline with {len(nlp.get_pipe('entity_ruler'))} ruler patterns -> {args.out}")


if __name__ == "__main__":
    main()
