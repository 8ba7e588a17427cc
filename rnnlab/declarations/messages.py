"""One shape for everything the app tells the user: an i18n key and the values of its placeholders.

Problems with a config or a file, why a training stopped, a verdict's sentences: each is a
``Message``, translated only when it is shown (``message.text(lang)``; the pages use
``ui.i18n.say(message)``), so the same object reads in Spanish or English and can be tested by
key and values instead of by English text. Errors the user reads are ``MessageError``s: they
carry their ``messages`` and ``str(error)`` is the English text.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Message:
    """An i18n key (rnnlab/i18n/*.py) with the values of its ``{placeholders}``."""

    key: str
    values: Mapping[str, object] = field(default_factory=dict)

    def __post_init__(self):
        object.__setattr__(self, "values", dict(self.values))  # the caller's dict may change later

    def text(self, lang: str = "en") -> str:
        """The message in ``lang``, its numbers written that language's way."""
        from rnnlab.i18n import t

        return t(self.key, lang, **self.values)

    def __iter__(self) -> Iterator:
        """``key, values = message``, like the (key, values) pairs it replaces."""
        yield self.key
        yield self.values


def as_message(value) -> Message | None:
    """A Message from what older code and saved sessions hold: a Message, a (key, values)
    pair, a bare key, or nothing ("" or None give None)."""
    if value is None or isinstance(value, Message):
        return value
    if isinstance(value, str):
        return Message(value) if value else None
    key, values = value
    return Message(str(key), values or {})


class MessageError(ValueError):
    """Input the app refuses, with the messages that say what is wrong and what to do."""

    def __init__(self, *messages: Message):
        self.messages: list[Message] = list(messages)
        super().__init__("; ".join(message.text("en") for message in self.messages))

    def __reduce__(self):
        # Pickled by its messages (a training in the worker process sends it back to the server):
        # the default would call the subclass with the English text as its only argument.
        return _rebuild_error, (type(self), self.messages)

    @property
    def message(self) -> Message:
        """The first (usually the only) message."""
        return self.messages[0]

    def detached(self) -> MessageError:
        """The same error without its traceback, cause and context: safe to keep (in session
        state, say). A caught error's traceback holds the frames it passed through and their
        locals, e.g. a refused upload's bytes and the parser's arrays, as long as it is kept."""
        return _rebuild_error(type(self), list(self.messages))


def _rebuild_error(cls: type, messages: list[Message]) -> MessageError:
    error = cls.__new__(cls)
    MessageError.__init__(error, *messages)
    return error
