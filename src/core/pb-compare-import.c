/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pb-compare-import"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "pb-compare-private.h"
#include "pb-connection.h"
#include "pb-connection-reader.h"
#include "pb-json-reader.h"

/* A file Plugboard exported, as the source of a comparison. */

typedef enum
{
  SHAPE_OTHER,
  SHAPE_ONE,   /* an object with a "name": one connection */
  SHAPE_LIST,  /* an object with an "items" array */
} Shape;

static Shape
shape_of (const char  *data,
          gsize        length,
          GError     **error)
{
  g_autoptr(PbJsonReader) reader = NULL;
  Shape shape = SHAPE_OTHER;

  reader = pb_json_reader_new (data, length, PB_JSON_CHECK_ALLOW_BOM, error);
  if (reader == NULL)
    return SHAPE_OTHER;
  if (pb_json_reader_get_value_type (reader) != PB_JSON_OBJECT)
    return SHAPE_OTHER;
  for (gboolean more = pb_json_reader_start_object (reader); more;
       more = pb_json_reader_next (reader))
    {
      if (pb_json_reader_member_is (reader, "items", -1)
          && pb_json_reader_get_value_type (reader) == PB_JSON_ARRAY)
        shape = SHAPE_LIST;
      else if (shape == SHAPE_OTHER && pb_json_reader_member_is (reader, "name", -1))
        shape = SHAPE_ONE;
    }
  pb_json_reader_end (reader);
  return shape;
}

static void
set_not_an_export (GError    **error,
                   const char *message)
{
  g_set_error_literal (error, PB_COMPARE_ERROR, PB_COMPARE_ERROR_NOT_AN_EXPORT, message);
}

GPtrArray *
pb_compare_import (const char  *data,
                   gsize        length,
                   GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GPtrArray) connections = NULL;
  Shape shape;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  shape = shape_of (data != NULL ? data : "", length, &local_error);
  if (local_error != NULL)
    {
      g_debug ("Import: %s", local_error->message);
      set_not_an_export (error, _("This file is not a connection exported by Plugboard: it is "
                                  "not JSON text."));
      return NULL;
    }

  if (shape == SHAPE_LIST)
    connections = pb_connection_parse_list (data, length, &local_error);
  else if (shape == SHAPE_ONE)
    {
      PbConnection *connection = pb_connection_new_from_data (data, length, &local_error);

      if (connection != NULL)
        {
          connections = g_ptr_array_new_with_free_func (g_object_unref);
          g_ptr_array_add (connections, connection);
        }
    }
  else
    {
      set_not_an_export (error, _("This file is not a connection exported by Plugboard: it "
                                  "holds neither a connection nor a list of connections."));
      return NULL;
    }

  if (connections == NULL)
    {
      g_debug ("Import: %s", local_error->message);
      set_not_an_export (error, _("This file is not a connection exported by Plugboard: a "
                                  "connection in it is incomplete or damaged."));
      return NULL;
    }
  if (connections->len == 0)
    {
      set_not_an_export (error, _("This file holds no connections."));
      return NULL;
    }

  return g_steal_pointer (&connections);
}

/* {{{ From a file */

static void
import_in_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  GFile *file = task_data;
  g_autofree char *contents = NULL;
  g_autoptr(GPtrArray) connections = NULL;
  g_autoptr(GListStore) store = NULL;
  GError *error = NULL;
  gsize length;

  if (!g_file_load_contents (file, cancellable, &contents, &length, NULL, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  connections = pb_compare_import (contents, length, &error);
  if (connections == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  store = g_list_store_new (PB_TYPE_CONNECTION);
  g_list_store_splice (store, 0, 0, connections->pdata, connections->len);
  g_task_return_pointer (task, g_steal_pointer (&store), g_object_unref);
}

void
pb_compare_import_file_async (GFile              *file,
                              GCancellable       *cancellable,
                              GAsyncReadyCallback callback,
                              gpointer            user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, pb_compare_import_file_async);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  g_task_run_in_thread (task, import_in_thread);
}

GListModel *
pb_compare_import_file_finish (GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* }}} */
