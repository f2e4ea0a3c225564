/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer target: the editable copy of a connection (pb_connection_draft_new_for_json()) of
 * any text. What the user does not change is sent as received: unchanged, and after every
 * field and every row value is changed and typed back, the body is the compact text. */
#define G_LOG_DOMAIN "fuzz-draft"

#include "config.h"

#include "fuzz-common.h"
#include "pb-connection-draft.h"
#include "pb-connection-reader.h"

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_init ();
  return 0;
}

static void
check_body (PbConnectionDraft *draft,
            const char        *compact)
{
  g_autofree char *body = pb_connection_draft_dup_body (draft, PB_DRAFT_BODY_UPDATE);

  if (strcmp (body, compact) != 0)
    abort ();
}

/* Every body is a JSON object. */
static void
check_is_object (char *body)
{
  if (body == NULL || body[0] != '{'
      || !pb_json_text_check (body, strlen (body), PB_JSON_CHECK_DEFAULT, NULL))
    abort ();
  g_free (body);
}

/* Changes every field and every value of every row, and types it back. */
static void
edit_and_undo (PbConnectionDraft *draft,
               const char        *compact)
{
  for (guint f = 0; f < PB_DRAFT_N_FIELDS; f++)
    {
      g_autofree char *text = g_strdup (pb_connection_draft_get_text (draft, f));
      const char *other = f == PB_DRAFT_ARCHIVED || f == PB_DRAFT_AUTH_USE_MUTUAL_TLS
                          ? (strcmp (text, "true") == 0 ? "false" : "true")
                          : "x\"\\\n";

      fuzz_check_string (text);
      pb_connection_draft_set_text (draft, f, other);
      if (strcmp (text, other) != 0 && !pb_connection_draft_is_modified (draft))
        abort ();
      check_is_object (pb_connection_draft_dup_body (draft, PB_DRAFT_BODY_UPDATE));
      pb_connection_draft_set_text (draft, f, text);
      check_body (draft, compact);
    }

  for (guint t = 0; t < PB_DRAFT_N_TABLES; t++)
    {
      GListModel *rows = pb_connection_draft_get_table (draft, t);
      const char * const *columns = pb_draft_table_get_columns (t);
      guint n = g_list_model_get_n_items (rows);

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(PbDraftRow) row = g_list_model_get_item (rows, i);

          for (guint c = 0; columns[c] != NULL; c++)
            {
              g_autofree char *text = g_strdup (pb_draft_row_get (row, columns[c]));

              fuzz_check_string (text);
              pb_draft_row_set (row, columns[c], "y");
              pb_draft_row_set (row, columns[c], text);
            }
        }
      if (n > 1)
        {
          pb_connection_draft_move_row (draft, t, 0, n - 1);
          pb_connection_draft_move_row (draft, t, n - 1, 0);
        }
      pb_connection_draft_insert_row (draft, t, n);
      pb_connection_draft_remove_row (draft, t, n);
      check_body (draft, compact);
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = NULL;
  g_autofree char *compact = NULL;
  g_autoptr(PbConnectionDraft) draft = NULL;
  g_autoptr(PbConnection) connection = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;

  /* Text, as the API's answers are once read. */
  if (memchr (data, '\0', size) != NULL)
    return 0;
  text = g_strndup ((const char *) data, size);
  compact = pb_json_text_compact (text, size, PB_JSON_CHECK_ALLOW_BOM, NULL);

  draft = pb_connection_draft_new_for_json (text, &error);
  if (draft == NULL)
    {
      if ((compact != NULL && compact[0] == '{') || error == NULL
          || error->domain != PB_PARSE_ERROR || !g_utf8_validate (error->message, -1, NULL))
        abort ();
      return 0;
    }
  if (compact == NULL || compact[0] != '{' || pb_connection_draft_is_modified (draft))
    abort ();

  check_body (draft, compact);
  edit_and_undo (draft, compact);
  if (pb_connection_draft_is_modified (draft))
    abort ();

  problems = pb_connection_draft_check (draft);
  for (guint i = 0; i < problems->len; i++)
    fuzz_check_string (((PbDraftProblem *) g_ptr_array_index (problems, i))->message);

  check_is_object (pb_connection_draft_dup_body (draft, PB_DRAFT_BODY_CREATE));
  check_is_object (pb_connection_draft_dup_body (draft, PB_DRAFT_BODY_UPDATE
                                                         | PB_DRAFT_BODY_MASKED));

  connection = pb_connection_draft_to_connection (draft, &error);
  if (connection == NULL && (error == NULL || error->domain != PB_PARSE_ERROR))
    abort ();
  if (connection != NULL)
    fuzz_read_connection (connection);

  return 0;
}
