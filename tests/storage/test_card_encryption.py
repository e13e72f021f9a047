"""Bank card numbers at rest: encrypted in the file and its backups, the key apart, unreadable elsewhere."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import stat
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import select, text

from liuzhou_gui.domain.cards import UNREADABLE_CARD_TEXT, card_text, is_unreadable, mask_bank_card
from liuzhou_gui.domain.drafts import ExpertDraft
from liuzhou_gui.domain.errors import ValidationError
from liuzhou_gui.services.backup import make_backup, restore_backup
from liuzhou_gui.storage import card_crypto, experts, migrations
from liuzhou_gui.storage.card_crypto import card_key_notice, key_path
from liuzhou_gui.storage.database import Database, create_db_engine
from liuzhou_gui.storage.models import AuditEntry, Expert
from liuzhou_gui.storage.paths import DATA_DIR_ENV

CARD = "6222020200112233446"  # valid Luhn
OTHER_CARD = "6228480012345671"


def card_fragments(card: str = CARD) -> list[bytes]:
    """The whole number and its middle digits (what the mask hides), as they would sit in a file."""
    return [card.encode(), card[4:-4].encode()]


def assert_no_card(data: bytes, card: str = CARD) -> None:
    for fragment in card_fragments(card):
        assert fragment not in data


def expert_draft(**changes) -> ExpertDraft:
    values = dict(name="韦明", level="自治区级", category="职业健康", unit="广西壮族自治区职业病防治研究院",
                  title="主任医师", bank_card=CARD)
    values.update(changes)
    return ExpertDraft(**values)


def add_expert(db: Database, **changes) -> int:
    with db.transaction() as session:
        return experts.save_expert(session, expert_draft(**changes)).id


def stored_value(db_path: Path, expert_id: int) -> str:
    conn = sqlite3.connect(db_path)
    try:
        return conn.execute("SELECT bank_card FROM expert WHERE id = ?", (expert_id,)).fetchone()[0]
    finally:
        conn.close()


def files_beside(db_path: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in db_path.parent.iterdir() if p.name.startswith(db_path.name)}


def move_to_other_pc(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """Another user profile: the database travels, the data folder with its keys does not."""
    other = tmp_path / "other-pc-data"
    other.mkdir()
    monkeypatch.setenv(DATA_DIR_ENV, str(other))
    return other


def test_card_is_stored_encrypted_and_read_back_plain(db, db_path, data_dir):
    holder = sqlite3.connect(db_path)  # another reader keeps the -wal in place (the last one out removes it)
    holder.execute("SELECT count(*) FROM expert").fetchone()
    expert_id = add_expert(db)
    wal = db_path.with_name(db_path.name + "-wal").read_bytes()
    assert b"c1:" in wal  # the new row is in the -wal, as ciphertext only
    assert_no_card(wal)
    holder.close()
    stored = stored_value(db_path, expert_id)
    assert stored.startswith("c1:") and CARD not in stored
    with db.session() as session:
        assert session.get(Expert, expert_id).bank_card == CARD
        assert experts.draft_of(session.get(Expert, expert_id)).bank_card == CARD
    db.close()
    for name, data in files_beside(db_path).items():  # the file, its -wal and -shm
        assert_no_card(data), name
    # The key is in the data folder, not beside the database, readable by its owner only.
    assert key_path() == data_dir / "keys" / "bank_card.key"
    assert not any((db_path.parent / name).exists() for name in ("keys", "bank_card.key"))
    if os.name == "posix":
        assert stat.S_IMODE(key_path().stat().st_mode) == 0o600
    content = json.loads(key_path().read_text())
    assert (content["format"], content["version"]) == ("liuzhou_gui bank card key", 1)


def test_two_saves_of_one_number_differ_and_an_empty_card_stays_empty(db, db_path):
    first, second = add_expert(db), add_expert(db, name="覃丽")
    assert stored_value(db_path, first) != stored_value(db_path, second)  # a fresh nonce each time
    blank = add_expert(db, name="蓝天", bank_card="")
    assert stored_value(db_path, blank) == ""


def test_no_key_is_made_until_a_card_is_written(db, data_dir):
    key_path().unlink()  # the test run's shared key: this PC has none yet
    card_crypto.forget_loaded_keys()
    add_expert(db, bank_card="")
    assert not key_path().exists()
    add_expert(db, name="覃丽")
    assert key_path().exists()


def test_audit_trail_and_backup_hold_no_digits(db, db_path):
    expert_id = add_expert(db)
    with db.transaction() as session:
        experts.save_expert(session, expert_draft(bank_card=OTHER_CARD), expert_id)
    with db.session() as session:
        changes = [e.changes for e in session.scalars(select(AuditEntry))]
    assert all(CARD not in c and OTHER_CARD not in c for c in changes)
    backup = make_backup(db, "manual")
    assert_no_card(backup.read_bytes())
    assert_no_card(backup.read_bytes(), OTHER_CARD)


def test_database_copied_to_another_pc_shows_cards_as_unreadable_and_keeps_working(db, db_path, tmp_path,
                                                                                     monkeypatch):
    expert_id = add_expert(db)
    add_expert(db, name="蓝天", bank_card="")
    db.close()
    copy = tmp_path / "copy" / "campaign.sqlite3"
    copy.parent.mkdir()
    shutil.copy(db_path, copy)
    move_to_other_pc(monkeypatch, tmp_path)
    other = Database.open(copy)
    try:
        with other.session() as session:
            expert = session.get(Expert, expert_id)
            assert expert.name == "韦明" and expert.title == "主任医师"  # the rest reads as before
            assert is_unreadable(expert.bank_card) and expert.bank_card == ""
            assert mask_bank_card(expert.bank_card) == UNREADABLE_CARD_TEXT
            assert card_text(expert.bank_card, masked=False) == UNREADABLE_CARD_TEXT
            notice = card_key_notice(session)
        assert notice and "1 位专家的银行卡号" in notice and "keys" in notice
        # Editing the expert keeps the stored number: back home it decrypts again.
        with other.transaction() as session:
            draft = experts.draft_of(session.get(Expert, expert_id))
            experts.save_expert(session, replace(draft, title="副院长"), expert_id)
        assert stored_value(copy, expert_id) == stored_value(db_path, expert_id)
        # A new number typed here is saved under this PC's own key.
        with other.transaction() as session:
            draft = experts.draft_of(session.get(Expert, expert_id))
            experts.save_expert(session, replace(draft, bank_card=OTHER_CARD), expert_id)
        with other.session() as session:
            assert session.get(Expert, expert_id).bank_card == OTHER_CARD
            assert card_key_notice(session) is None
    finally:
        other.close()


def test_unreadable_card_can_still_be_cleared_on_purpose(db, db_path, tmp_path, monkeypatch):
    expert_id = add_expert(db)
    db.close()
    move_to_other_pc(monkeypatch, tmp_path)
    other = Database.open(db_path)
    try:
        with other.transaction() as session:
            draft = experts.draft_of(session.get(Expert, expert_id))
            experts.save_expert(session, replace(draft, bank_card=""), expert_id)
        assert stored_value(db_path, expert_id) == ""
    finally:
        other.close()


def test_key_deleted_then_the_app_says_so_and_a_new_key_serves_new_cards(db, db_path):
    old = add_expert(db)
    db.close()
    key_path().unlink()
    reopened = Database.open(db_path)
    try:
        with reopened.session() as session:
            assert is_unreadable(session.get(Expert, old).bank_card)
            assert "1 位专家" in card_key_notice(session)
        new = add_expert(reopened, name="覃丽", bank_card=OTHER_CARD)
        with reopened.session() as session:
            assert session.get(Expert, new).bank_card == OTHER_CARD
            assert is_unreadable(session.get(Expert, old).bank_card)
            assert "1 位专家" in card_key_notice(session)
    finally:
        reopened.close()


@pytest.mark.parametrize("content", [b"", b"not json", b'{"format": "x"}', b"x" * 100_000,
                                     json.dumps({"format": "liuzhou_gui bank card key", "version": 1,
                                                 "key": "c2hvcnQ="}).encode()])
def test_damaged_key_file_reads_nothing_and_writes_no_card(db, db_path, content):
    expert_id = add_expert(db)
    before = stored_value(db_path, expert_id)
    db.close()
    key_path().write_bytes(content)
    reopened = Database.open(db_path)
    try:
        with reopened.session() as session:
            assert is_unreadable(session.get(Expert, expert_id).bank_card)
            notice = card_key_notice(session)
        assert notice and "已损坏" in notice
        with pytest.raises(ValidationError, match="银行卡号无法保存"), reopened.transaction() as session:
            experts.save_expert(session, expert_draft(name="覃丽", bank_card=OTHER_CARD))
        with reopened.session() as session:
            assert session.scalar(select(Expert.id).where(Expert.name == "覃丽")) is None
        # Other edits of the expert still save, and keep the stored number.
        with reopened.transaction() as session:
            draft = experts.draft_of(session.get(Expert, expert_id))
            experts.save_expert(session, replace(draft, title="副院长"), expert_id)
        assert stored_value(db_path, expert_id) == before
        assert key_path().read_bytes() == content  # never overwritten: it may be someone's only copy
    finally:
        reopened.close()


def test_a_changed_ciphertext_is_unreadable_not_an_error(db, db_path):
    expert_id = add_expert(db)
    stored = stored_value(db_path, expert_id)
    flipped = stored[:-3] + ("A" if stored[-3] != "A" else "B") + stored[-2:]
    with db.transaction() as session:
        session.execute(text("UPDATE expert SET bank_card = :v WHERE id = :id"), {"v": flipped, "id": expert_id})
    with db.session() as session:
        assert is_unreadable(session.get(Expert, expert_id).bank_card)


def test_restoring_a_backup_on_the_same_pc_reads_the_cards(db, db_path):
    expert_id = add_expert(db)
    backup = make_backup(db, "manual")
    with db.transaction() as session:
        experts.save_expert(session, expert_draft(bank_card=OTHER_CARD), expert_id)
    restore_backup(db, backup)
    restored = Database.open(db_path)
    try:
        with restored.session() as session:
            assert session.get(Expert, expert_id).bank_card == CARD
            assert card_key_notice(session) is None
    finally:
        restored.close()


@pytest.fixture
def no_secure_delete(monkeypatch):
    """SQLite as Python ships it on Windows: freed pages keep their old bytes (Debian's zeroes them)."""
    from liuzhou_gui.storage import database as database_module

    configure = database_module._configure_connection

    def without_secure_delete(dbapi_connection, record):
        configure(dbapi_connection, record)
        dbapi_connection.execute("PRAGMA secure_delete = OFF")

    monkeypatch.setattr(database_module, "_configure_connection", without_secure_delete)


def make_0010_database_with_plain_cards(path: Path, count: int = 300) -> None:
    """A database as the app before 0014 left it: the plain digits in the expert table."""
    engine = create_db_engine(path)
    try:
        migrations.upgrade(engine, "0010")
    finally:
        engine.dispose()
    conn = sqlite3.connect(path)
    try:
        category = conn.execute("SELECT id FROM category ORDER BY id").fetchone()[0]
        conn.executemany(
            "INSERT INTO expert (name, level, category_id, unit, title, phone, bank_card, group_name, note, "
            "list_order, search_key, name_key) VALUES (?, '自治区级', ?, ?, '', '', ?, '', '', 0, '', '')",
            [(f"专家{i}", category, f"单位{i}", CARD if i == 0 else "") for i in range(count)],
        )
        conn.commit()
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()


def test_migration_encrypts_existing_cards_and_leaves_no_digits_in_file_wal_or_later_backup(tmp_path,
                                                                                           no_secure_delete):
    path = tmp_path / "old.sqlite3"
    make_0010_database_with_plain_cards(path)
    assert CARD.encode() in path.read_bytes()
    database = Database.open(path)
    holder = sqlite3.connect(path)  # keeps the -wal in place while it is looked at
    try:
        holder.execute("SELECT count(*) FROM expert").fetchone()
        with database.session() as session:
            assert session.scalar(select(Expert.bank_card).where(Expert.name == "专家0")) == CARD
            assert card_key_notice(session) is None
        assert migrations.current_revision(database.engine) == migrations.head_revision()
        assert_no_card(path.with_name(path.name + "-wal").read_bytes())
        assert_no_card(path.read_bytes())
        later = make_backup(database, "manual")
    finally:
        holder.close()
        database.close()
    # The backup made before the upgrade is the way back: it still holds the old file as it was.
    before = [p for p in (tmp_path / "backups").iterdir() if "before-upgrade-0010" in p.name]
    assert len(before) == 1 and CARD.encode() in before[0].read_bytes()
    for name, data in files_beside(path).items():
        assert_no_card(data), name
    assert_no_card(later.read_bytes())


def test_without_the_vacuum_the_old_digits_would_stay_in_freed_pages(tmp_path, no_secure_delete):
    """Proof that the test above can fail: the column rewrite alone leaves the digits in the file."""
    path = tmp_path / "old.sqlite3"
    make_0010_database_with_plain_cards(path)
    engine = create_db_engine(path)
    try:
        # Only up to the card migration: a later one that rewrites other rows may happen to reuse the
        # freed pages, which would hide what this test shows.
        migrations.upgrade(engine, "0014", compact=False)
        with engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        engine.dispose()
    assert CARD.encode() in path.read_bytes()


def test_migration_downgrade_gives_the_plain_digits_back(tmp_path):
    path = tmp_path / "old.sqlite3"
    make_0010_database_with_plain_cards(path, count=3)
    Database.open(path).close()
    engine = create_db_engine(path)
    try:
        from alembic import command

        cfg = migrations.alembic_config()
        with engine.connect() as conn:
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, "0010")
            conn.commit()
            assert conn.exec_driver_sql("SELECT bank_card FROM expert WHERE name = '专家0'").scalar() == CARD
    finally:
        engine.dispose()


def test_key_made_by_two_processes_at_once_is_one_key(data_dir):
    """The key file is linked in, never replaced: a second maker reads the first one's key."""
    key_path().unlink()
    card_crypto.forget_loaded_keys()
    first = card_crypto.key_state(create=True)
    card_crypto.forget_loaded_keys()
    sealed = first.cipher.encrypt(CARD)
    again = card_crypto._create(key_path())  # as a second process would, finding the file made
    assert again.cipher.key_id == first.cipher.key_id
    assert again.cipher.decrypt(sealed) == CARD
    assert [p.name for p in key_path().parent.iterdir()] == ["bank_card.key"]


def test_nothing_compares_or_searches_card_numbers(db, db_path):
    """No duplicate check or search uses the number (only 姓名 + 所在单位), so no lookup column is needed."""
    add_expert(db)
    with db.session() as session:
        expert = session.scalars(select(Expert).where(Expert.name == "韦明")).one()
        assert CARD not in expert.search_key and CARD[-4:] not in expert.search_key
    # The same person with another number is still the same expert: refused as a duplicate.
    with pytest.raises(ValidationError, match="已有同名同单位"), db.transaction() as session:
        experts.save_expert(session, expert_draft(bank_card=OTHER_CARD))
