"""The tracking API every door uses (pages, ``/api/v1``, CLI, bulk import): :class:`Tracker`.

Rules live in :mod:`janji.track` and only there: who may change which promise, what an update must carry
(validation), optimistic locking, review, the audit log. Every method opens its own short session and
returns plain dicts. :class:`Tracker` is a façade over the parts that hold those rules, one per concern:

- :class:`~janji.track.accounts.Accounts` (``tracker.accounts``): users, passwords, sessions, login
  throttling, API tokens, the audit log;
- :class:`~janji.track.updates.Updates` (``tracker.updates``): a promise's state and history, the write
  path, evidence files, milestones, evidence suggestions;
- :class:`~janji.track.review.Review` (``tracker.reviews``): which regions need review, the queue,
  approving and rejecting, public proposals and their limits;
- :class:`~janji.track.tallies.Scorecards` (``tracker.scorecards``): running tallies, scorecards,
  roll-ups, a pair's promises, a region's feed;
- :class:`~janji.track.exchange.Exchange` (``tracker.exchange``): export to rows, bulk import from them.

The methods of :class:`Tracker` forward to those parts unchanged (same names, arguments and results).

Example (an editor of one region; with no reviewer there, the update is published at once):
    >>> from janji.store import open_store
    >>> store = open_store("sqlite://")
    >>> doc = store.document(store.ingest_bytes(b"Misi Wali Kota Bogor:\\n1. Membangun 10 puskesmas\\n", "misi.txt").document_id)
    >>> t = Tracker(store)
    >>> ed = t.add_user("rina", "kata-sandi-panjang", role="editor", regions=[doc["region"]["id"]])
    >>> actor = t.actor(ed["id"])
    >>> t.update_status(actor, doc["items"][0]["id"], "dalam proses", evidence_url="https://jdih.example.go.id/perda-5",
    ...                 evidence_date="2026-03-01", note="Perda disahkan", expected_version=0)["state"]
    'published'
    >>> t.updates.history(doc["items"][0]["id"])[0]["note"]  # the same, asked of the part that holds it
    'Perda disahkan'
"""
from __future__ import annotations

import functools
from typing import Callable

from janji.track import settings as track_settings
from janji.track.accounts import HASH_PARAMS, MIN_PASSWORD, Accounts
from janji.track.core import CLI, PROMISE_KINDS, PUBLIC, Actor, Core, now
from janji.track.errors import Conflict, Forbidden, Invalid, NotFound, NotTracked, Throttled, TooLarge, TrackError
from janji.track.exchange import EXPORT_COLUMNS, Exchange, read_table
from janji.track.review import Review
from janji.track.tallies import Scorecards, pair_filtered
from janji.track.updates import Updates
from janji.track.validation import (MAX_NOTE, MAX_URL, RATIO_CAP, capped_ratio, date_pattern, http_url, parse_date,
                                    parse_number, percent, safe_filename, sniff, validate_update, wait_label)

__all__ = ["Tracker", "Actor", "PUBLIC", "CLI", "now", "TrackError", "Invalid", "NotTracked", "Forbidden", "NotFound",
           "Conflict", "TooLarge", "Throttled", "EXPORT_COLUMNS", "read_table", "HASH_PARAMS", "MIN_PASSWORD",
           "MAX_NOTE", "MAX_URL", "RATIO_CAP", "PROMISE_KINDS", "capped_ratio", "date_pattern", "http_url",
           "parse_date", "parse_number", "percent", "safe_filename", "sniff", "validate_update", "wait_label"]


def _to(part: str, method: Callable) -> Callable:
    """A method of :class:`Tracker` that calls ``method`` on its part ``part`` (same name, signature, doc)."""

    @functools.wraps(method)
    def forward(self, *args, **kwargs):
        return method(getattr(self, part), *args, **kwargs)

    return forward


class Tracker:
    """Tracking over a :class:`janji.store.Store` (same database, same engine)."""

    QUEUE_PAGE = Review.QUEUE_PAGE
    BULK_MAX = Review.BULK_MAX

    def __init__(self, store, settings: track_settings.Settings | None = None):
        # limits from the environment (``janji.track.settings``) unless given
        self.core = Core(store, settings if settings is not None else track_settings.load())
        self.accounts = Accounts(self.core)
        self.scorecards = Scorecards(self.core)
        self.updates = Updates(self.core, self.scorecards)
        self.reviews = Review(self.core, self.updates)
        self.exchange = Exchange(self.core, self.updates)

    @property
    def store(self):
        return self.core.store

    @property
    def settings(self) -> track_settings.Settings:
        return self.core.settings

    @settings.setter
    def settings(self, value: track_settings.Settings) -> None:
        self.core.settings = value

    @property
    def engine(self):
        return self.core.engine

    @property
    def dialect(self) -> str:
        return self.core.dialect

    def secret_key(self) -> str:
        """The cookie signing key: ``JANJI_SECRET_KEY``, else one generated once and kept in the database."""
        return self.core.secret_key()

    # accounts, sessions, login throttling, API tokens, the audit log
    audit = _to("accounts", Accounts.audit)
    audit_rows = _to("accounts", Accounts.audit_rows)
    add_user = _to("accounts", Accounts.add_user)
    users = _to("accounts", Accounts.users)
    user = _to("accounts", Accounts.user)
    modify_user = _to("accounts", Accounts.modify_user)
    actor = _to("accounts", Accounts.actor)
    start_session = _to("accounts", Accounts.start_session)
    session_actor = _to("accounts", Accounts.session_actor)
    end_session = _to("accounts", Accounts.end_session)
    end_sessions = _to("accounts", Accounts.end_sessions)
    sessions = _to("accounts", Accounts.sessions)
    change_password = _to("accounts", Accounts.change_password)
    login_wait = _to("accounts", Accounts.login_wait)
    authenticate = _to("accounts", Accounts.authenticate)
    create_token = _to("accounts", Accounts.create_token)
    tokens = _to("accounts", Accounts.tokens)
    revoke_token = _to("accounts", Accounts.revoke_token)
    token_actor = _to("accounts", Accounts.token_actor)

    # a promise's state and history, the write path, evidence files, suggestions, milestones
    state = _to("updates", Updates.state)
    item_tracking = _to("updates", Updates.item_tracking)
    public_view = _to("updates", Updates.public_view)
    history = _to("updates", Updates.history)
    update_status = _to("updates", Updates.update_status)
    check_file = _to("updates", Updates.check_file)
    file = _to("updates", Updates.file)
    suggestions = _to("updates", Updates.suggestions)
    item_suggestions = _to("updates", Updates.item_suggestions)
    accept_suggestion = _to("updates", Updates.accept_suggestion)
    reject_suggestion = _to("updates", Updates.reject_suggestion)
    add_milestone = _to("updates", Updates.add_milestone)
    reach_milestone = _to("updates", Updates.reach_milestone)

    # review: settings, the queue, decisions, public proposals
    needs_review = _to("reviews", Review.needs_review)
    set_needs_review = _to("reviews", Review.set_needs_review)
    queue = _to("reviews", Review.queue)
    reject_proposals = _to("reviews", Review.reject_proposals)
    review = _to("reviews", Review.review)
    proposal_wait = _to("reviews", Review.proposal_wait)
    count_proposal = _to("reviews", Review.count_proposal)
    propose = _to("reviews", Review.propose)
    review_proposal = _to("reviews", Review.review_proposal)

    # reading: scorecards, roll-ups, feeds
    scorecard = _to("scorecards", Scorecards.scorecard)
    regions_rollup = _to("scorecards", Scorecards.regions_rollup)
    pair_tracking = _to("scorecards", Scorecards.pair_tracking)
    pair_view = _to("scorecards", Scorecards.pair_view)
    feed_entries = _to("scorecards", Scorecards.feed_entries)

    # import and export
    export_rows = _to("exchange", Exchange.export_rows)
    import_rows = _to("exchange", Exchange.import_rows)
