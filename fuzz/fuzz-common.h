/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What every fuzz target shares: a set-up that makes GLib's criticals and warnings crash (so
 * the fuzzer reports them like a memory error), and a reader that touches every value of a
 * connection the way the window and the connection page do. */
#pragma once

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <gio/gio.h>

#include "pb-connection.h"

int LLVMFuzzerInitialize   (int            *argc,
                            char         ***argv);
int LLVMFuzzerTestOneInput (const uint8_t  *data,
                            size_t          size);

static inline void
fuzz_init (void)
{
  /* ASan sees every allocation only when GLib's slice allocator is out of the way. */
  g_setenv ("G_SLICE", "always-malloc", TRUE);
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  g_log_set_writer_func (g_log_writer_standard_streams, NULL, NULL);
}

/* A string the parser hands out must be valid UTF-8 without NUL inside (widgets show it). */
static inline void
fuzz_check_string (const char *text)
{
  if (text != NULL && !g_utf8_validate (text, -1, NULL))
    abort ();
}

/* Reads every readable property of `object` through GObject, as bindings in .ui files do;
 * walks into list models (the tables of a connection). */
static inline void
fuzz_read_properties (GObject *object,
                      guint    level)
{
  g_autofree GParamSpec **pspecs = NULL;
  guint n_pspecs = 0;

  pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (object), &n_pspecs);
  for (guint i = 0; i < n_pspecs; i++)
    {
      g_auto(GValue) value = G_VALUE_INIT;

      if (!(pspecs[i]->flags & G_PARAM_READABLE))
        continue;

      g_value_init (&value, pspecs[i]->value_type);
      g_object_get_property (object, pspecs[i]->name, &value);

      if (G_VALUE_HOLDS_STRING (&value))
        fuzz_check_string (g_value_get_string (&value));
      else if (G_VALUE_HOLDS_OBJECT (&value) && level < 2
               && G_IS_LIST_MODEL (g_value_get_object (&value)))
        {
          GListModel *model = g_value_get_object (&value);

          for (guint j = 0; j < g_list_model_get_n_items (model); j++)
            {
              g_autoptr(GObject) item = g_list_model_get_item (model, j);

              if (item == NULL)
                abort ();
              fuzz_read_properties (item, level + 1);
            }
        }
    }
}

static inline void
fuzz_read_rows (GListModel *model)
{
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);

      if (PB_IS_NAME_VALUE (item))
        {
          fuzz_check_string (pb_name_value_get_name (PB_NAME_VALUE (item)));
          fuzz_check_string (pb_name_value_get_value (PB_NAME_VALUE (item)));
        }
      else if (PB_IS_INPUT_MAPPING (item))
        {
          PbInputMapping *m = PB_INPUT_MAPPING (item);

          fuzz_check_string (pb_input_mapping_get_label (m));
          fuzz_check_string (pb_input_mapping_get_key (m));
          fuzz_check_string (pb_input_mapping_get_value_type (m));
          fuzz_check_string (pb_input_mapping_get_example_value (m));
          fuzz_check_string (pb_input_mapping_get_mapping (m));
        }
      else if (PB_IS_OUTPUT_MAPPING (item))
        {
          PbOutputMapping *m = PB_OUTPUT_MAPPING (item);

          fuzz_check_string (pb_output_mapping_get_label (m));
          fuzz_check_string (pb_output_mapping_get_output_reference (m));
          fuzz_check_string (pb_output_mapping_get_value_type (m));
        }
      else
        abort ();
    }
  /* Out of range gives NULL, never a crash. */
  if (g_list_model_get_item (model, n) != NULL)
    abort ();
}

/* Every getter, every table, the pretty JSON, and a copy into a fresh parse of the same text. */
static inline void
fuzz_read_connection (PbConnection *connection)
{
  GDateTime *modified_at;
  g_autofree char *pretty = NULL;
  g_autoptr(PbConnection) again = NULL;
  g_autoptr(GError) error = NULL;
  const char *json;

  fuzz_check_string (pb_connection_get_ref (connection));
  fuzz_check_string (pb_connection_get_href (connection));
  fuzz_check_string (pb_connection_get_client_key (connection));
  fuzz_check_string (pb_connection_get_name (connection));
  fuzz_check_string (pb_connection_get_description (connection));
  fuzz_check_string (pb_connection_get_modified_by_ref (connection));
  fuzz_check_string (pb_connection_get_modified_at_text (connection));
  modified_at = pb_connection_get_modified_at (connection);
  if (modified_at != NULL)
    g_free (g_date_time_format_iso8601 (modified_at));
  /* Not set (-1), or a whole number from 0 on. */
  if (pb_connection_get_revision (connection) < -1)
    abort ();
  (void) pb_connection_get_archived (connection);
  fuzz_check_string (pb_connection_get_system_type (connection));
  (void) pb_connection_get_system_kind (connection);
  fuzz_check_string (pb_connection_get_auth_type (connection));
  (void) pb_connection_get_auth_kind (connection);
  fuzz_check_string (pb_connection_get_auth_client_id (connection));
  fuzz_check_string (pb_connection_get_auth_access_token_url (connection));
  (void) pb_connection_get_auth_use_mutual_tls (connection);
  fuzz_read_rows (pb_connection_get_oauth_custom_headers (connection));
  fuzz_read_rows (pb_connection_get_form_url_encoded_items (connection));
  fuzz_check_string (pb_connection_get_request_type (connection));
  fuzz_check_string (pb_connection_get_connection_url (connection));
  fuzz_check_string (pb_connection_get_request_body (connection));
  fuzz_read_rows (pb_connection_get_custom_headers (connection));
  fuzz_read_rows (pb_connection_get_url_parameters (connection));
  fuzz_read_rows (pb_connection_get_input_mappings (connection));
  fuzz_read_rows (pb_connection_get_output_mappings (connection));
  fuzz_check_string (pb_connection_get_example_value (connection));
  if (pb_connection_get_connection_timeout (connection) < -1
      || pb_connection_get_socket_timeout (connection) < -1)
    abort ();
  fuzz_check_string (pb_connection_get_icon (connection));

  json = pb_connection_get_json (connection);
  if (json == NULL)
    abort ();
  fuzz_check_string (json);
  pretty = pb_connection_dup_json_pretty (connection);
  fuzz_check_string (pretty);
  if ((pb_connection_get_unreadable_fields (connection)[0] != NULL)
      != pb_connection_has_unreadable_fields (connection))
    abort ();
  for (const char * const *f = pb_connection_get_unreadable_fields (connection); *f; f++)
    fuzz_check_string (*f);

  /* What json-glib makes of the kept JSON (Copy JSON, Export) is UTF-8: lone surrogate escapes
   * were repaired at reading. */
  {
    g_autoptr(JsonNode) node = json_from_string (json, NULL);
    g_autofree char *generated = node != NULL ? json_to_string (node, FALSE) : NULL;

    if (node == NULL || !g_utf8_validate (generated, -1, NULL))
      abort ();
  }

  fuzz_read_properties (G_OBJECT (connection), 0);

  /* The kept JSON is what the client sends back (test, update): it must parse again, to a
   * connection of the same ref, and updating from it must work. */
  again = pb_connection_new_from_data (json, -1, &error);
  if (again == NULL)
    {
      g_printerr ("kept JSON does not parse again: %s\n%s\n", error->message, json);
      abort ();
    }
  if (g_strcmp0 (pb_connection_get_ref (again), pb_connection_get_ref (connection)) != 0)
    abort ();
  {
    g_autofree char *listed =
      g_strjoinv ("\n", (char **)pb_connection_get_unreadable_fields (connection));
    g_autofree char *listed_again =
      g_strjoinv ("\n", (char **)pb_connection_get_unreadable_fields (again));

    /* The same text, the same places. */
    if (strcmp (listed, listed_again) != 0)
      abort ();
  }
  pb_connection_update_from (connection, again);
}
