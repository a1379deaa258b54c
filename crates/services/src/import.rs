//! Reading spreadsheets for import (being written).
