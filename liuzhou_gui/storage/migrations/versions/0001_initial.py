"""initial schema and the 2025 plan's reference data

Revision ID: 0001
Revises: (none)
Create Date: 2026-11-24

The reference data is the plan's (附件1, 附件4 and the subsidy quota), read from
liuzhou_gui.domain.reference so that the tests compare one transcription of the plan.
"""

import sqlalchemy as sa
from alembic import op

from liuzhou_gui.domain import reference as ref


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('campaign',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('activity_start', sa.Date(), nullable=False),
    sa.Column('activity_end', sa.Date(), nullable=False),
    sa.Column('experts_deadline', sa.Date(), nullable=False),
    sa.Column('units_deadline', sa.Date(), nullable=False),
    sa.Column('report_deadline', sa.Date(), nullable=False),
    sa.Column('city_min_experts', sa.Integer(), nullable=False),
    sa.Column('city_min_sessions', sa.Integer(), nullable=False),
    sa.Column('city_min_units', sa.Integer(), nullable=False),
    sa.Column('district_min_sessions', sa.Integer(), nullable=False),
    sa.Column('district_min_units', sa.Integer(), nullable=False),
    sa.Column('regional_share_min_permille', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_campaign')),
    sa.UniqueConstraint('year', name=op.f('uq_campaign_year'))
    )
    op.create_table('category',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=20), nullable=False),
    sa.Column('sort_order', sa.Integer(), nullable=False),
    sa.Column('planned', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_category')),
    sa.UniqueConstraint('name', name=op.f('uq_category_name'))
    )
    op.create_table('district',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=20), nullable=False),
    sa.Column('name', sa.String(length=30), nullable=False),
    sa.Column('short_name', sa.String(length=10), nullable=False),
    sa.Column('bureau_name', sa.String(length=40), nullable=False),
    sa.Column('plan_order', sa.Integer(), nullable=False),
    sa.Column('reporter', sa.String(length=30), nullable=False),
    sa.Column('reporter_phone', sa.String(length=30), nullable=False),
    sa.Column('seal_file', sa.String(length=200), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_district')),
    sa.UniqueConstraint('code', name=op.f('uq_district_code')),
    sa.UniqueConstraint('name', name=op.f('uq_district_name')),
    sa.UniqueConstraint('short_name', name=op.f('uq_district_short_name'))
    )
    op.create_table('setting',
    sa.Column('key', sa.String(length=50), nullable=False),
    sa.Column('value', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_setting'))
    )
    op.create_table('unit_kind',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=10), nullable=False),
    sa.Column('sort_order', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_unit_kind')),
    sa.UniqueConstraint('name', name=op.f('uq_unit_kind_name'))
    )
    op.create_table('expert',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=30), nullable=False),
    sa.Column('level', sa.String(length=10), nullable=False),
    sa.Column('district_id', sa.Integer(), nullable=True),
    sa.Column('category_id', sa.Integer(), nullable=False),
    sa.Column('unit', sa.String(length=100), nullable=False),
    sa.Column('title', sa.String(length=50), nullable=False),
    sa.Column('phone', sa.String(length=30), nullable=False),
    sa.Column('bank_card', sa.String(length=19), nullable=False),
    sa.Column('group_name', sa.String(length=30), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('list_order', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['category_id'], ['category.id'], name=op.f('fk_expert_category_id_category')),
    sa.ForeignKeyConstraint(['district_id'], ['district.id'], name=op.f('fk_expert_district_id_district')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_expert'))
    )
    with op.batch_alter_table('expert', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_expert_district_id'), ['district_id'], unique=False)
        batch_op.create_index('uq_expert_name_unit_live', ['name', 'unit'], unique=True, sqlite_where=sa.text('deleted_at IS NULL'), postgresql_where=sa.text('deleted_at IS NULL'))

    op.create_table('lecture',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('campaign_id', sa.Integer(), nullable=False),
    sa.Column('district_id', sa.Integer(), nullable=False),
    sa.Column('held_on', sa.Date(), nullable=False),
    sa.Column('start_time', sa.Time(), nullable=True),
    sa.Column('end_time', sa.Time(), nullable=True),
    sa.Column('place', sa.String(length=200), nullable=False),
    sa.Column('topic', sa.String(length=200), nullable=False),
    sa.Column('attendance', sa.Integer(), nullable=True),
    sa.Column('organiser', sa.String(length=100), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('questionnaires', sa.Integer(), nullable=True),
    sa.Column('satisfaction', sa.Double(), nullable=True),
    sa.Column('subsidised', sa.Boolean(), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['campaign_id'], ['campaign.id'], name=op.f('fk_lecture_campaign_id_campaign')),
    sa.ForeignKeyConstraint(['district_id'], ['district.id'], name=op.f('fk_lecture_district_id_district')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_lecture'))
    )
    with op.batch_alter_table('lecture', schema=None) as batch_op:
        batch_op.create_index('ix_lecture_campaign_district_status', ['campaign_id', 'district_id', 'status'], unique=False)
        batch_op.create_index(batch_op.f('ix_lecture_held_on'), ['held_on'], unique=False)

    op.create_table('plan_target',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('campaign_id', sa.Integer(), nullable=False),
    sa.Column('district_id', sa.Integer(), nullable=False),
    sa.Column('category_id', sa.Integer(), nullable=False),
    sa.Column('sessions', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['campaign_id'], ['campaign.id'], name=op.f('fk_plan_target_campaign_id_campaign'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['category_id'], ['category.id'], name=op.f('fk_plan_target_category_id_category')),
    sa.ForeignKeyConstraint(['district_id'], ['district.id'], name=op.f('fk_plan_target_district_id_district')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_plan_target')),
    sa.UniqueConstraint('campaign_id', 'district_id', 'category_id', name=op.f('uq_plan_target_campaign_id'))
    )
    op.create_table('subsidy_quota',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('campaign_id', sa.Integer(), nullable=False),
    sa.Column('district_id', sa.Integer(), nullable=False),
    sa.Column('lectures', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['campaign_id'], ['campaign.id'], name=op.f('fk_subsidy_quota_campaign_id_campaign'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['district_id'], ['district.id'], name=op.f('fk_subsidy_quota_district_id_district')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_subsidy_quota')),
    sa.UniqueConstraint('campaign_id', 'district_id', name=op.f('uq_subsidy_quota_campaign_id'))
    )
    op.create_table('unit',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('district_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('kind_id', sa.Integer(), nullable=False),
    sa.Column('credit_code', sa.String(length=18), nullable=False),
    sa.Column('address', sa.String(length=200), nullable=False),
    sa.Column('contact', sa.String(length=30), nullable=False),
    sa.Column('phone', sa.String(length=30), nullable=False),
    sa.Column('industry', sa.String(length=50), nullable=False),
    sa.Column('worker_count', sa.Integer(), nullable=True),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['district_id'], ['district.id'], name=op.f('fk_unit_district_id_district')),
    sa.ForeignKeyConstraint(['kind_id'], ['unit_kind.id'], name=op.f('fk_unit_kind_id_unit_kind')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_unit'))
    )
    with op.batch_alter_table('unit', schema=None) as batch_op:
        batch_op.create_index('uq_unit_district_name_live', ['district_id', 'name'], unique=True, sqlite_where=sa.text('deleted_at IS NULL'), postgresql_where=sa.text('deleted_at IS NULL'))

    op.create_table('lecture_category',
    sa.Column('lecture_id', sa.Integer(), nullable=False),
    sa.Column('category_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['category_id'], ['category.id'], name=op.f('fk_lecture_category_category_id_category')),
    sa.ForeignKeyConstraint(['lecture_id'], ['lecture.id'], name=op.f('fk_lecture_category_lecture_id_lecture'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('lecture_id', 'category_id', name=op.f('pk_lecture_category'))
    )
    with op.batch_alter_table('lecture_category', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_lecture_category_category_id'), ['category_id'], unique=False)

    op.create_table('lecture_expert',
    sa.Column('lecture_id', sa.Integer(), nullable=False),
    sa.Column('expert_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['expert_id'], ['expert.id'], name=op.f('fk_lecture_expert_expert_id_expert')),
    sa.ForeignKeyConstraint(['lecture_id'], ['lecture.id'], name=op.f('fk_lecture_expert_lecture_id_lecture'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('lecture_id', 'expert_id', name=op.f('pk_lecture_expert'))
    )
    with op.batch_alter_table('lecture_expert', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_lecture_expert_expert_id'), ['expert_id'], unique=False)

    op.create_table('lecture_unit',
    sa.Column('lecture_id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['lecture_id'], ['lecture.id'], name=op.f('fk_lecture_unit_lecture_id_lecture'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['unit_id'], ['unit.id'], name=op.f('fk_lecture_unit_unit_id_unit')),
    sa.PrimaryKeyConstraint('lecture_id', 'unit_id', name=op.f('pk_lecture_unit'))
    )
    with op.batch_alter_table('lecture_unit', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_lecture_unit_unit_id'), ['unit_id'], unique=False)

    op.create_table('unit_category',
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('category_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['category_id'], ['category.id'], name=op.f('fk_unit_category_category_id_category')),
    sa.ForeignKeyConstraint(['unit_id'], ['unit.id'], name=op.f('fk_unit_category_unit_id_unit'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('unit_id', 'category_id', name=op.f('pk_unit_category'))
    )

    seed_reference_data()

def downgrade() -> None:
    op.drop_table('unit_category')
    with op.batch_alter_table('lecture_unit', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_lecture_unit_unit_id'))

    op.drop_table('lecture_unit')
    with op.batch_alter_table('lecture_expert', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_lecture_expert_expert_id'))

    op.drop_table('lecture_expert')
    with op.batch_alter_table('lecture_category', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_lecture_category_category_id'))

    op.drop_table('lecture_category')
    with op.batch_alter_table('unit', schema=None) as batch_op:
        batch_op.drop_index('uq_unit_district_name_live', sqlite_where=sa.text('deleted_at IS NULL'), postgresql_where=sa.text('deleted_at IS NULL'))

    op.drop_table('unit')
    op.drop_table('subsidy_quota')
    op.drop_table('plan_target')
    with op.batch_alter_table('lecture', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_lecture_held_on'))
        batch_op.drop_index('ix_lecture_campaign_district_status')

    op.drop_table('lecture')
    with op.batch_alter_table('expert', schema=None) as batch_op:
        batch_op.drop_index('uq_expert_name_unit_live', sqlite_where=sa.text('deleted_at IS NULL'), postgresql_where=sa.text('deleted_at IS NULL'))
        batch_op.drop_index(batch_op.f('ix_expert_district_id'))

    op.drop_table('expert')
    op.drop_table('unit_kind')
    op.drop_table('setting')
    op.drop_table('district')
    op.drop_table('category')
    op.drop_table('campaign')


def seed_reference_data() -> None:
    """Districts, categories, unit kinds, the first campaign with its plan, and 附件4's experts."""
    district = sa.table(
        "district", sa.column("id"), sa.column("code"), sa.column("name"), sa.column("short_name"),
        sa.column("bureau_name"), sa.column("plan_order"), sa.column("reporter"), sa.column("reporter_phone"),
    )
    op.bulk_insert(district, [
        {"id": d.plan_order, "code": d.code, "name": d.name, "short_name": d.short_name,
         "bureau_name": d.bureau_name, "plan_order": d.plan_order, "reporter": "", "reporter_phone": ""}
        for d in ref.DISTRICTS
    ])
    category = sa.table("category", sa.column("id"), sa.column("name"), sa.column("sort_order"), sa.column("planned"))
    op.bulk_insert(category, [
        {"id": i, "name": name, "sort_order": i, "planned": name in ref.PLANNED_CATEGORIES}
        for i, name in enumerate(ref.CATEGORIES, start=1)
    ])
    kind = sa.table("unit_kind", sa.column("id"), sa.column("name"), sa.column("sort_order"))
    op.bulk_insert(kind, [{"id": i, "name": name, "sort_order": i} for i, name in enumerate(ref.UNIT_KINDS, start=1)])

    year = ref.FIRST_CAMPAIGN_YEAR
    defaults = ref.CampaignDefaults.for_year(year)
    campaign = sa.table(
        "campaign", sa.column("id"), sa.column("year"), sa.column("activity_start"), sa.column("activity_end"),
        sa.column("experts_deadline"), sa.column("units_deadline"), sa.column("report_deadline"),
        sa.column("city_min_experts"), sa.column("city_min_sessions"), sa.column("city_min_units"),
        sa.column("district_min_sessions"), sa.column("district_min_units"),
        sa.column("regional_share_min_permille"),
    )
    op.bulk_insert(campaign, [{
        "id": 1, "year": year,
        "activity_start": defaults.activity_start, "activity_end": defaults.activity_end,
        "experts_deadline": defaults.experts_deadline, "units_deadline": defaults.units_deadline,
        "report_deadline": defaults.report_deadline,
        "city_min_experts": defaults.city_min_experts, "city_min_sessions": defaults.city_min_sessions,
        "city_min_units": defaults.city_min_units, "district_min_sessions": defaults.district_min_sessions,
        "district_min_units": defaults.district_min_units,
        "regional_share_min_permille": round(defaults.regional_share_min * 1000),
    }])
    category_id = {name: i for i, name in enumerate(ref.CATEGORIES, start=1)}
    target = sa.table("plan_target", sa.column("campaign_id"), sa.column("district_id"),
                      sa.column("category_id"), sa.column("sessions"))
    op.bulk_insert(target, [
        {"campaign_id": 1, "district_id": d.plan_order, "category_id": category_id[cat], "sessions": n}
        for d in ref.DISTRICTS for cat, n in ref.DISTRICT_PLAN_2025.items()
    ])
    quota = sa.table("subsidy_quota", sa.column("campaign_id"), sa.column("district_id"), sa.column("lectures"))
    op.bulk_insert(quota, [
        {"campaign_id": 1, "district_id": d.plan_order, "lectures": ref.SUBSIDY_QUOTA_2025[d.short_name]}
        for d in ref.DISTRICTS
    ])
    expert = sa.table(
        "expert", sa.column("name"), sa.column("level"), sa.column("district_id"), sa.column("category_id"),
        sa.column("unit"), sa.column("title"), sa.column("phone"), sa.column("bank_card"),
        sa.column("group_name"), sa.column("note"), sa.column("list_order"),
    )
    op.bulk_insert(expert, [
        {"name": e.name, "level": ref.LEVEL_REGIONAL, "district_id": None, "category_id": category_id[e.category],
         "unit": e.unit, "title": e.title, "phone": "", "bank_card": "", "group_name": "", "note": "",
         "list_order": i}
        for i, e in enumerate(ref.REGIONAL_EXPERTS_2025, start=1)
    ])
