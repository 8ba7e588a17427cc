"""Placeholder: branch `offline` replaces this file with the self-contained lesson file."""


def offline_html(lesson, lang):
    raise NotImplementedError("rnnlab.lessons.offline is written on branch offline")
