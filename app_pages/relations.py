"""The relations of the map: an editable table, a form to add one, a form to change or delete one."""

from app_pages.editing import data_page
from ecomap.model import RecordKind

data_page(RecordKind.RELATION)
