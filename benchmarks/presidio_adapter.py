"""Scorer adapter for the anchor: Microsoft Presidio with GiNZA (ja_ginza), set up for Japanese.

Configured as Presidio's multi-language docs describe: a spaCy NLP engine with the
`ja_ginza` model, a recognizer registry for "ja" (spaCy NER, e-mail, phone with region JP,
dates), and GiNZA's entity labels mapped to Presidio's. Presidio's entity types are then
mapped to our category ids (PERSON→person_name, PHONE_NUMBER→phone, EMAIL_ADDRESS→email,
LOCATION→address, DATE_TIME→birth_date). Reads the scorer's JSONL on stdin. Runs in its
own virtual environment so that GiNZA's pins (SudachiPy < 0.7) never touch the main `.venv`:

    python3 -m venv .venv-bench
    .venv-bench/bin/python -m pip install "presidio-analyzer>=2.2" "ginza>=5.2" "ja-ginza>=5.2"
    .venv-bench/bin/python benchmarks/presidio_adapter.py < cases.jsonl
"""

from __future__ import annotations

import json
import sys
import time

CATEGORY_OF = {
    "PERSON": "person_name",
    "PHONE_NUMBER": "phone",
    "EMAIL_ADDRESS": "email",
    "LOCATION": "address",
    "DATE_TIME": "birth_date",
}
GINZA_TO_PRESIDIO = {
    "Person": "PERSON",
    "PERSON": "PERSON",
    "Province": "LOCATION",
    "City": "LOCATION",
    "County": "LOCATION",
    "GPE": "LOCATION",
    "LOC": "LOCATION",
    "Country": "LOCATION",
    "Address": "LOCATION",
    "Postal_Address": "LOCATION",
    "Date": "DATE_TIME",
    "DATE": "DATE_TIME",
    "Time": "DATE_TIME",
    "TIME": "DATE_TIME",
}


def build_analyzer():  # type: ignore[no-untyped-def]
    from presidio_analyzer import AnalyzerEngine, RecognizerRegistry
    from presidio_analyzer.nlp_engine import NlpEngineProvider
    from presidio_analyzer.predefined_recognizers import (
        DateRecognizer,
        EmailRecognizer,
        PhoneRecognizer,
        SpacyRecognizer,
    )

    configuration = {
        "nlp_engine_name": "spacy",
        "models": [{"lang_code": "ja", "model_name": "ja_ginza"}],
        "ner_model_configuration": {
            "model_to_presidio_entity_mapping": GINZA_TO_PRESIDIO,
            "low_confidence_score_multiplier": 0.4,
            "low_score_entity_names": [],
        },
    }
    nlp_engine = NlpEngineProvider(nlp_configuration=configuration).create_engine()
    registry = RecognizerRegistry(supported_languages=["ja"])
    registry.add_recognizer(SpacyRecognizer(supported_language="ja",
                                            supported_entities=["PERSON", "LOCATION", "DATE_TIME"]))
    registry.add_recognizer(EmailRecognizer(supported_language="ja"))
    registry.add_recognizer(PhoneRecognizer(supported_language="ja", supported_regions=["JP"]))
    registry.add_recognizer(DateRecognizer(supported_language="ja"))
    return AnalyzerEngine(nlp_engine=nlp_engine, registry=registry, supported_languages=["ja"])


def main() -> None:
    analyzer = build_analyzer()
    analyzer.analyze(text="起動", language="ja")
    total = 0.0
    for line in sys.stdin:
        if not line.strip():
            continue
        case = json.loads(line)
        began = time.perf_counter()
        results = analyzer.analyze(text=case["text"], language="ja")
        total += time.perf_counter() - began
        findings = [
            {"start": r.start, "end": r.end,
             "category": CATEGORY_OF.get(r.entity_type, f"other:{r.entity_type}")}
            for r in results
        ]
        sys.stdout.write(json.dumps({"id": case["id"], "findings": findings},
                                    ensure_ascii=False) + "\n")
    sys.stdout.write(json.dumps({"_timing_s": total}) + "\n")


if __name__ == "__main__":
    main()
