"""The store's own rows: its schema version and the settings."""

from sqlmodel import Field

from salesplan.models import Table


class SchemaInfo(Table, table=True):
    __tablename__ = "schema_info"
    id: int = Field(default=1, primary_key=True)
    version: int


class Setting(Table, table=True):
    __tablename__ = "setting"
    key: str = Field(primary_key=True)
    value: str
