/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pb-connection-draft-rows"

#include "config.h"

#include <string.h>

#include "pb-connection-draft-private.h"
#include "pb-json-reader.h"

/* The tables of a draft: rows of text columns, each row its own JSON text, so that the members
 * of a row Plugboard does not know stay with it wherever it moves. */

/* {{{ Tables */

static const char * const name_value_columns[] = { "name", "value", NULL };
static const char * const input_columns[] = {
  "label", "key", "type", "exampleValue", "mapping", NULL
};
static const char * const output_columns[] = { "label", "outputReference", "type", NULL };

static const struct
{
  PbDraftPlace        place;
  const char * const *columns;
  const char         *template; /* a new row */
} tables[PB_DRAFT_N_TABLES] = {
  [PB_DRAFT_TABLE_CUSTOM_HEADERS] = {
    { NULL, "customHeaders" }, name_value_columns, "{\"name\":\"\",\"value\":\"\"}"
  },
  [PB_DRAFT_TABLE_OAUTH_CUSTOM_HEADERS] = {
    { "auth", "oauthCustomHeaders" }, name_value_columns, "{\"name\":\"\",\"value\":\"\"}"
  },
  [PB_DRAFT_TABLE_FORM_ITEMS] = {
    { "auth", "formUrlEncodedItems" }, name_value_columns, "{\"name\":\"\",\"value\":\"\"}"
  },
  [PB_DRAFT_TABLE_INPUT_MAPPINGS] = {
    { NULL, "inputMappings" }, input_columns,
    "{\"label\":\"\",\"key\":\"\",\"type\":\"string\",\"exampleValue\":\"\",\"mapping\":\"\"}"
  },
  [PB_DRAFT_TABLE_OUTPUT_MAPPINGS] = {
    { NULL, "outputMappings" }, output_columns,
    "{\"label\":\"\",\"outputReference\":\"\",\"type\":\"string\"}"
  },
};

const char * const *
pb_draft_table_get_columns (PbDraftTable table)
{
  g_return_val_if_fail (table < PB_DRAFT_N_TABLES, NULL);

  return tables[table].columns;
}

static int
column_index (PbDraftTable  table,
              const char   *column)
{
  const char * const *columns = tables[table].columns;

  for (int i = 0; columns[i] != NULL; i++)
    if (strcmp (columns[i], column) == 0)
      return i;
  return -1;
}

/* }}} *//* }}} */
/* {{{ PbDraftRow */

G_DEFINE_FINAL_TYPE (PbDraftRow, pb_draft_row, G_TYPE_OBJECT)

static void
pb_draft_row_finalize (GObject *object)
{
  PbDraftRow *self = PB_DRAFT_ROW (object);

  g_free (self->text);
  g_free (self->origin);
  g_strfreev (self->values);

  G_OBJECT_CLASS (pb_draft_row_parent_class)->finalize (object);
}

static void
pb_draft_row_class_init (PbDraftRowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pb_draft_row_finalize;
}

static void
pb_draft_row_init (PbDraftRow *self)
{
}

/* A row of `table` from its JSON text (compact). */
static PbDraftRow *
draft_row_new (PbConnectionDraft *draft,
               PbDraftTable       table,
               const char        *text)
{
  PbDraftRow *self = g_object_new (PB_TYPE_DRAFT_ROW, NULL);
  const char * const *columns = tables[table].columns;
  guint n = g_strv_length ((char **)columns);

  self->draft = draft;
  self->table = table;
  self->text = g_strdup (text);
  self->origin = g_strdup (text);
  self->values = g_new0 (char *, n + 1);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *value = _pb_draft_object_dup (text, columns[i]);

      self->values[i] = _pb_draft_value_to_text (value);
    }

  return self;
}

/* Whether each value of the row is as it was loaded (and the row, whatever it was, should be
 * again). */
static gboolean
row_is_origin (PbDraftRow *self)
{
  const char * const *columns = tables[self->table].columns;

  for (guint i = 0; columns[i] != NULL; i++)
    {
      g_autofree char *value = _pb_draft_object_dup (self->origin, columns[i]);
      g_autofree char *text = _pb_draft_value_to_text (value);

      if (strcmp (text, self->values[i]) != 0)
        return FALSE;
    }
  return TRUE;
}

const char *
pb_draft_row_get (PbDraftRow *self,
                  const char *column)
{
  int i;

  g_return_val_if_fail (PB_IS_DRAFT_ROW (self), "");
  g_return_val_if_fail (column != NULL, "");

  i = column_index (self->table, column);
  return i >= 0 ? self->values[i] : "";
}

void
pb_draft_row_set (PbDraftRow *self,
                  const char *column,
                  const char *text)
{
  g_autofree char *value = NULL;
  g_autofree char *origin_text = NULL;
  char *row;
  int i;

  g_return_if_fail (PB_IS_DRAFT_ROW (self));
  g_return_if_fail (column != NULL);

  i = column_index (self->table, column);
  g_return_if_fail (i >= 0);

  if (text == NULL)
    text = "";
  if (strcmp (self->values[i], text) == 0)
    return;

  g_free (self->values[i]);
  self->values[i] = g_utf8_make_valid (text, -1);

  /* Typed back as it was: as it was, whatever its type; an empty text keeps the member only
   * if the row had it. */
  value = _pb_draft_object_dup (self->origin, column);
  origin_text = _pb_draft_value_to_text (value);
  if (value == NULL || strcmp (origin_text, self->values[i]) != 0)
    {
      g_clear_pointer (&value, g_free);
      if (self->values[i][0] != '\0' || origin_text[0] != '\0')
        value = _pb_draft_quote (self->values[i]);
    }
  row = _pb_draft_object_set (self->text, column, value);
  g_free (self->text);
  self->text = row_is_origin (self) ? g_strdup (self->origin) : row;
  if (self->text != row)
    g_free (row);

  if (self->draft != NULL)
    _pb_draft_table_changed (self->draft, self->table);
}

/* }}} */
/* {{{ Tables */

/* Writes the rows of `table` into the object. */
void
_pb_draft_table_changed (PbConnectionDraft *self,
               PbDraftTable       table)
{
  GListModel *model = G_LIST_MODEL (self->tables[table]);
  guint n = g_list_model_get_n_items (model);
  g_autofree char *origin = _pb_draft_place_dup (self->origin, &tables[table].place);
  GString *array;

  /* No rows where there was no array: as it was. */
  if (n == 0 && (origin == NULL || origin[0] != '['))
    {
      _pb_draft_set_place (self, &tables[table].place, origin);
      _pb_draft_emit_changed (self);
      return;
    }

  array = g_string_new ("[");
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PbDraftRow) row = g_list_model_get_item (model, i);

      if (i > 0)
        g_string_append_c (array, ',');
      g_string_append (array, row->text);
    }
  g_string_append_c (array, ']');
  _pb_draft_set_place (self, &tables[table].place, array->str);
  g_string_free (array, TRUE);
  _pb_draft_emit_changed (self);
}

GListModel *
pb_connection_draft_get_table (PbConnectionDraft *self,
                               PbDraftTable       table)
{
  g_return_val_if_fail (PB_IS_CONNECTION_DRAFT (self), NULL);
  g_return_val_if_fail (table < PB_DRAFT_N_TABLES, NULL);

  return G_LIST_MODEL (self->tables[table]);
}

PbDraftRow *
pb_connection_draft_insert_row (PbConnectionDraft *self,
                                PbDraftTable       table,
                                guint              position)
{
  g_autoptr(PbDraftRow) row = NULL;
  guint n;

  g_return_val_if_fail (PB_IS_CONNECTION_DRAFT (self), NULL);
  g_return_val_if_fail (table < PB_DRAFT_N_TABLES, NULL);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->tables[table]));
  row = draft_row_new (self, table, tables[table].template);
  g_list_store_insert (self->tables[table], MIN (position, n), row);
  _pb_draft_table_changed (self, table);

  return row;
}

void
pb_connection_draft_remove_row (PbConnectionDraft *self,
                                PbDraftTable       table,
                                guint              position)
{
  g_autoptr(PbDraftRow) row = NULL;

  g_return_if_fail (PB_IS_CONNECTION_DRAFT (self));
  g_return_if_fail (table < PB_DRAFT_N_TABLES);

  row = g_list_model_get_item (G_LIST_MODEL (self->tables[table]), position);
  g_return_if_fail (row != NULL);

  row->draft = NULL;
  g_list_store_remove (self->tables[table], position);
  _pb_draft_table_changed (self, table);
}

void
pb_connection_draft_move_row (PbConnectionDraft *self,
                              PbDraftTable       table,
                              guint              from,
                              guint              to)
{
  g_autoptr(PbDraftRow) row = NULL;
  guint n;

  g_return_if_fail (PB_IS_CONNECTION_DRAFT (self));
  g_return_if_fail (table < PB_DRAFT_N_TABLES);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->tables[table]));
  g_return_if_fail (from < n && to < n);
  if (from == to)
    return;

  row = g_list_model_get_item (G_LIST_MODEL (self->tables[table]), from);
  g_list_store_remove (self->tables[table], from);
  g_list_store_insert (self->tables[table], to, row);
  _pb_draft_table_changed (self, table);
}

void
_pb_draft_forget_rows (PbConnectionDraft *self)
{
  for (guint t = 0; t < PB_DRAFT_N_TABLES; t++)
    {
      guint n = g_list_model_get_n_items (G_LIST_MODEL (self->tables[t]));

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(PbDraftRow) row = g_list_model_get_item (G_LIST_MODEL (self->tables[t]), i);

          row->draft = NULL;
        }
    }
}

void
_pb_draft_load_rows (PbConnectionDraft *self)
{
  const char *doc = self->doc;

  _pb_draft_forget_rows (self);
  for (guint t = 0; t < PB_DRAFT_N_TABLES; t++)
    {
      g_autofree char *array = _pb_draft_place_dup (doc, &tables[t].place);
      g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
      g_autoptr(PbJsonReader) reader = NULL;

      if (array != NULL)
        reader = pb_json_reader_new (array, strlen (array), PB_JSON_CHECK_DEFAULT, NULL);
      if (reader != NULL && pb_json_reader_get_value_type (reader) == PB_JSON_ARRAY)
        {
          for (gboolean more = pb_json_reader_start_array (reader); more;
               more = pb_json_reader_next (reader))
            {
              PbTextSpan span;
              g_autofree char *text = NULL;

              pb_json_reader_get_value_span (reader, &span);
              text = g_strndup (array + span.start, span.end - span.start);
              g_ptr_array_add (rows, draft_row_new (self, t, text));
            }
          pb_json_reader_end (reader);
        }
      g_list_store_splice (self->tables[t], 0,
                           g_list_model_get_n_items (G_LIST_MODEL (self->tables[t])),
                           rows->pdata, rows->len);
    }
}

/* }}} */
