"""The worker's open sessions, by id.

Ids are random rather than counters: a worker that crashed and was restarted must not answer a
stale step with somebody else's session.
"""

from __future__ import annotations

import uuid

from ..scenario.session import Session
from .errors import UnknownSession, WorkerError

MAX_SESSIONS = 256


class SessionStore:
    def __init__(self, limit: int = MAX_SESSIONS) -> None:
        self._sessions: dict[str, Session] = {}
        self._limit = limit

    def add(self, session: Session) -> str:
        if len(self._sessions) >= self._limit:
            raise WorkerError(
                f"this worker holds {self._limit} sessions already; close one first", {"limit": self._limit},
                code="SESSION_LIMIT",
            )
        session_id = uuid.uuid4().hex
        self._sessions[session_id] = session
        return session_id

    def get(self, session_id: object) -> Session:
        session = self._sessions.get(session_id) if isinstance(session_id, str) else None
        if session is None:
            raise UnknownSession(f"no open session {session_id!r} in this worker", {"session": session_id})
        return session

    def close(self, session_id: object) -> Session:
        session = self.get(session_id)
        del self._sessions[session_id]  # type: ignore[arg-type]
        return session

    def __len__(self) -> int:
        return len(self._sessions)
