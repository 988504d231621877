"""Initial schema: region, people and households, enrollments, clerks, audit."""

import peewee as pw


def up(migrator, db):
    pg = isinstance(db, pw.PostgresqlDatabase)
    # Prefix-range search columns compare bytewise on both engines.
    search = {"collation": '"C"'} if pg else {}

    class Base(pw.Model):
        class Meta:
            database = db
            legacy_table_names = False

    class Region(Base):
        code = pw.CharField(max_length=6)
        name = pw.CharField()
        province = pw.CharField(default="")
        city = pw.CharField(default="")
        id_region_codes = pw.TextField(default="")
        source = pw.TextField(default="")

    class Township(Base):
        name = pw.CharField(unique=True)
        code = pw.CharField(max_length=3)
        note = pw.TextField(default="")

    class Village(Base):
        township = pw.ForeignKeyField(Township, on_delete="RESTRICT")
        name = pw.CharField()
        code = pw.CharField(max_length=3)

        class Meta:
            indexes = ((("township", "name"), True),)

    class Target(Base):
        township = pw.ForeignKeyField(Township, on_delete="RESTRICT")
        village = pw.ForeignKeyField(Village, null=True, on_delete="RESTRICT")
        year = pw.IntegerField()
        population = pw.IntegerField()
        deduction = pw.IntegerField(null=True)
        target = pw.IntegerField()
        note = pw.TextField(default="")
        source = pw.TextField(default="")

    class Household(Base):
        hukou_no = pw.CharField(unique=True, max_length=20)
        village = pw.ForeignKeyField(Village, on_delete="RESTRICT", index=True)
        address = pw.CharField(default="")
        version = pw.IntegerField(default=1)
        created_at = pw.DateTimeField()

    class Person(Base):
        id_type = pw.CharField(max_length=20)
        id_number = pw.CharField(null=True, max_length=20)
        id_key = pw.CharField(null=True, max_length=20, **search)
        id_key_rev = pw.CharField(null=True, max_length=20, **search)
        name = pw.CharField(max_length=40, **search)
        name_pinyin = pw.CharField(max_length=120, **search)
        name_initials = pw.CharField(max_length=40, **search)
        gender = pw.CharField(max_length=1)
        birth_date = pw.DateField()
        household = pw.ForeignKeyField(Household, on_delete="RESTRICT", index=True)
        relation = pw.CharField(max_length=12)
        phone = pw.CharField(null=True, max_length=20, index=True)
        status = pw.CharField(max_length=12, default="active")
        status_date = pw.DateField(null=True)
        merged_into = pw.ForeignKeyField("self", null=True, on_delete="RESTRICT", index=True)
        placeholder = pw.BooleanField(default=False)
        version = pw.IntegerField(default=1)
        created_at = pw.DateTimeField()
        updated_at = pw.DateTimeField()

        class Meta:
            indexes = (
                (("id_key",), False),
                (("id_key_rev",), False),
                (("name", "id"), False),
                (("name_initials", "id"), False),
                (("name_pinyin", "id"), False),
                (("name", "birth_date", "gender"), False),
            )

    class IdentityTag(Base):
        person = pw.ForeignKeyField(Person, on_delete="RESTRICT", index=True)
        category = pw.CharField(max_length=32, index=True)
        source = pw.CharField(default="")
        valid_from = pw.DateField()
        valid_to = pw.DateField(null=True)

    class Enrollment(Base):
        person = pw.ForeignKeyField(Person, on_delete="RESTRICT", index=False)
        benefit_year = pw.IntegerField()
        policy = pw.CharField(max_length=40)
        case = pw.CharField(max_length=32, default="regular")
        rate_kind = pw.CharField(max_length=12, default="individual")
        gross = pw.IntegerField()
        subsidy = pw.IntegerField(default=0)
        payable = pw.IntegerField()
        benefit_start = pw.DateField(null=True)
        benefit_end = pw.DateField(null=True)
        status = pw.CharField(max_length=12)
        paid_at = pw.DateTimeField(null=True)

        class Meta:
            indexes = (
                (("person", "benefit_year"), False),
                (("benefit_year", "status"), False),
            )

    class Clerk(Base):
        username = pw.CharField(unique=True, max_length=32)
        display_name = pw.CharField(max_length=40)
        role = pw.CharField(max_length=12)
        password_hash = pw.CharField(max_length=200)
        active = pw.BooleanField(default=True)
        failed_attempts = pw.IntegerField(default=0)
        locked_until = pw.DateTimeField(null=True)
        created_at = pw.DateTimeField()

    class AuditEvent(Base):
        seq = pw.IntegerField(unique=True)
        at = pw.DateTimeField()
        clerk = pw.CharField(max_length=32, default="")
        action = pw.CharField(max_length=40)
        entity = pw.CharField(max_length=40)
        entity_id = pw.CharField(max_length=40, default="")
        before = pw.TextField(default="")
        after = pw.TextField(default="")
        reason = pw.TextField(default="")
        documents = pw.TextField(default="")
        prev_hash = pw.CharField(max_length=64)
        hash = pw.CharField(max_length=64)

    class AuditHead(Base):
        seq = pw.IntegerField()
        hash = pw.CharField(max_length=64)

    # A household has at most one active head; the services make sure it has one.
    Person.add_index(
        Person.index(Person.household, unique=True, name="person_one_head_per_household")
        .where((Person.relation == "self") & (Person.status == "active"))
    )
    db.create_tables([Region, Township, Village, Target, Household, Person, IdentityTag,
                      Enrollment, Clerk, AuditEvent, AuditHead])
    AuditHead.create(seq=0, hash="0" * 64)


def down(migrator, db):
    for table in ("audit_head", "audit_event", "clerk", "enrollment", "identity_tag", "person",
                  "household", "target", "village", "township", "region"):
        db.execute_sql(f"DROP TABLE IF EXISTS {table}")
