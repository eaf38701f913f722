"""/api/quiz.json and its JSON Schema: every role's knowledge-check questions (handbook/model/quiz.py), for a learning
system or a chat bot; the same questions the path pages ask."""

from __future__ import annotations

import json
from collections.abc import Callable

from handbook.model import quiz
from handbook.data.spec import SLUG
from handbook.model import Handbook
from handbook import urls

VERSION = "1.0"
JSON, SCHEMA = "api/quiz.json", "api/quiz.schema.json"


def files(h: Handbook, url: Callable[[str], str], schema_url: str) -> dict[str, str]:
    """`url` turns a page's source path (urls.source) into the address the export gives."""
    return {JSON: json.dumps(document(h, url, schema_url), ensure_ascii=False, indent=2) + "\n",
            SCHEMA: json.dumps(schema(schema_url, h.identity.title), ensure_ascii=False, indent=2) + "\n"}


def document(h: Handbook, url: Callable[[str], str], schema_url: str) -> dict:
    questions = []
    for role in h.roles:
        for q in quiz.questions(h, role):
            entry = {"id": q.id, "role": role.id, "kind": q.kind, "question": q.question, "question_en": q.question_en,
                     "choices": list(q.choices), "answer": q.choices[q.answer], "answer_index": q.answer,
                     "link": url(urls.source(q.explains, q.process))}
            if q.topic is not None:
                entry["topic"] = q.topic.id
            questions.append(entry)
    return {"$schema": schema_url, "version": VERSION, "handbook": {"title": h.identity.title, "title_en": h.identity.title_en},
            "stage": quiz.stage(h).id if h.stages else None, "questions": questions}


def schema(schema_url: str, title: str) -> dict:
    text = {"type": "string", "minLength": 1}
    ident = {"type": "string", "pattern": SLUG}
    question = {
        "type": "object", "additionalProperties": False, "description": "一道題目 / one question",
        "required": ["id", "role", "kind", "question", "question_en", "choices", "answer", "answer_index", "link"],
        "properties": {
            "id": text, "role": ident,
            "kind": {"enum": [quiz.ACCOUNTABLE, quiz.NEXT_STEP, quiz.MEASURE],
                     "description": "accountable = 誰當責 who answers for a topic; next-step = 流程的下一步 the step "
                                    "after; measure = 職責影響的指標 a measure the duty moves"},
            "question": text, "question_en": text,
            "choices": {"type": "array", "items": text, "minItems": 2, "maxItems": quiz.CHOICES, "uniqueItems": True},
            "answer": {**text, "description": "正確的選項,choices 其中之一 / the right choice, one of choices"},
            "answer_index": {"type": "integer", "minimum": 0, "description": "answer 在 choices 的位置 / its index"},
            "link": {**text, "description": "解釋答案的頁面 / the page that explains the answer"},
            "topic": {**ident, "description": "題目關於的主題 / the topic it is about"},
        },
    }
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": schema_url,
            "title": f"{title} quiz.json / knowledge checks drawn from the handbook",
            "type": "object", "additionalProperties": False,
            "required": ["$schema", "version", "handbook", "stage", "questions"],
            "properties": {
                "$schema": text, "version": {"type": "string", "pattern": r"^1\.[0-9]+$"},
                "handbook": {"type": "object", "additionalProperties": False, "required": ["title", "title_en"],
                             "properties": {"title": text, "title_en": text}},
                "stage": {"type": ["string", "null"], "description": "在哪個入職階段做 / the onboarding stage it belongs to"},
                "questions": {"type": "array", "items": question},
            }}
