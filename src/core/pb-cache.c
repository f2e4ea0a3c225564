/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pb-cache"

#include "config.h"

#include <errno.h>
#include <string.h>
#ifdef __GLIBC__
# include <malloc.h>
#endif

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "pb-cache.h"
#include "pb-connection.h"
#include "pb-export.h"
#include "pb-private-file.h"

#define FILE_PREFIX "connections-"
#define FILE_SUFFIX ".json"

/* {{{ Paths */

static char *
get_folder (void)
{
  return g_build_filename (g_get_user_cache_dir (), "plugboard", NULL);
}

char *
pb_cache_get_path (const char *account_id)
{
  g_autofree char *folder = NULL;
  g_autofree char *name = NULL;
  g_autofree char *safe = NULL;

  g_return_val_if_fail (account_id != NULL && *account_id != '\0', NULL);

  safe = pb_private_file_reduce_id (account_id);
  folder = get_folder ();
  name = g_strconcat (FILE_PREFIX, safe, FILE_SUFFIX, NULL);

  return g_build_filename (folder, name, NULL);
}

static gboolean
ensure_folder (GError **error)
{
  g_autofree char *folder = get_folder ();
  g_autoptr(GError) local_error = NULL;

  if (!pb_private_file_ensure_folder (folder, &local_error))
    {
      g_set_error (error, local_error->domain, local_error->code,
                   _("The list cannot be kept for offline use: %s"), local_error->message);
      return FALSE;
    }

  return TRUE;
}

/* Trims trailing slashes, so "https://h/" and "https://h" are the same address. */
static char *
normalize_base_url (const char *base_url)
{
  char *copy = g_strdup (base_url != NULL ? base_url : "");
  gsize len = strlen (copy);

  while (len > 0 && copy[len - 1] == '/')
    copy[--len] = '\0';

  return copy;
}

/* }}} */
/* {{{ Saving */

static char *
json_string (const char *text)
{
  g_autoptr(JsonNode) node = json_node_init_string (json_node_alloc (), text);

  return json_to_string (node, FALSE);
}

/* The document, built by joining the connections' compact JSON, each masked as Copy JSON
 * masks it (pb_export_connection_compact()). */
static GBytes *
build_document (const char *base_url,
                GPtrArray  *connections)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *saved_at = g_date_time_format_iso8601 (now);
  g_autofree char *url = json_string (base_url);
  gsize size = 64 + strlen (saved_at) + strlen (url);
  gboolean first = TRUE;
  GString *out;

  for (guint i = 0; i < connections->len; i++)
    {
      PbConnection *connection = g_ptr_array_index (connections, i);
      const char *json;

      pb_connection_read_lock (connection);
      json = pb_connection_get_json (connection);
      size += (json != NULL ? strlen (json) : 0) + 1;
      pb_connection_read_unlock (connection);
    }

  out = g_string_sized_new (size);
  g_string_append_printf (out, "{\"savedAt\":\"%s\",\"baseUrl\":%s,\"items\":[", saved_at, url);
  for (guint i = 0; i < connections->len; i++)
    {
      PbConnection *connection = g_ptr_array_index (connections, i);
      const char *json;
      g_autofree char *masked = NULL;
      g_autoptr(GError) error = NULL;

      /* A write ending on the main thread may update it in place meanwhile. */
      pb_connection_read_lock (connection);
      json = pb_connection_get_json (connection);
      if (json == NULL || *json == '\0')
        {
          g_debug ("Not caching connection %s: it holds no JSON",
                   pb_connection_get_ref (connection));
          pb_connection_read_unlock (connection);
          continue;
        }
      masked = pb_export_connection_compact (connection, FALSE, &error);
      if (masked == NULL)
        g_debug ("Not caching connection %s: %s", pb_connection_get_ref (connection),
                 error->message);
      pb_connection_read_unlock (connection);
      if (masked == NULL)
        continue;
      if (!first)
        g_string_append_c (out, ',');
      g_string_append (out, masked);
      first = FALSE;
    }
  g_string_append (out, "]}\n");

  return g_string_free_to_bytes (out);
}

typedef struct
{
  char      *path;
  char      *base_url;
  GPtrArray *connections; /* a copy: the caller's array may change; connections are read locked */
} SaveData;

static void
save_data_free (SaveData *data)
{
  g_free (data->path);
  g_free (data->base_url);
  g_ptr_array_unref (data->connections);
  g_free (data);
}

static void
save_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  SaveData *data = task_data;
  GBytes *bytes = build_document (data->base_url, data->connections);
  g_autoptr(GError) error = NULL;
  gboolean saved = pb_private_file_write (data->path, bytes, cancellable, &error);

  g_bytes_unref (bytes);
#ifdef __GLIBC__
  /* The document (as large as the JSON received, and its masked copies on the way) was made in
   * this thread's malloc arena, which keeps what was freed: give it back. */
  malloc_trim (0);
#endif

  if (!saved && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_task_return_error (task, g_steal_pointer (&error));
  else if (!saved)
    g_task_return_new_error (task, error->domain, error->code,
                             _("The list cannot be kept for offline use: %s"), error->message);
  else
    g_task_return_boolean (task, TRUE);
}

void
pb_cache_save_async (const char          *account_id,
                     const char          *base_url,
                     GPtrArray           *connections,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GError *error = NULL;
  SaveData *data;

  g_return_if_fail (account_id != NULL && *account_id != '\0');
  g_return_if_fail (connections != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, pb_cache_save_async);
  if (g_task_return_error_if_cancelled (task))
    return;

  if (!ensure_folder (&error))
    {
      g_task_return_error (task, error);
      return;
    }

  data = g_new0 (SaveData, 1);
  data->path = pb_cache_get_path (account_id);
  data->base_url = g_strdup (base_url);
  data->connections = g_ptr_array_new_full (connections->len, g_object_unref);
  for (guint i = 0; i < connections->len; i++)
    g_ptr_array_add (data->connections, g_object_ref (g_ptr_array_index (connections, i)));
  g_task_set_task_data (task, data, (GDestroyNotify)save_data_free);
  g_task_run_in_thread (task, save_in_thread);
}

gboolean
pb_cache_save_finish (GAsyncResult  *result,
                      GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == pb_cache_save_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* }}} */
/* {{{ Loading */

typedef struct
{
  char *path;
  char *base_url; /* normalized, or NULL: any */
} LoadData;

typedef struct
{
  GPtrArray *connections;
  GDateTime *saved_at;
} LoadResult;

static void
load_data_free (LoadData *data)
{
  g_free (data->path);
  g_free (data->base_url);
  g_free (data);
}

static void
load_result_free (LoadResult *result)
{
  g_clear_pointer (&result->connections, g_ptr_array_unref);
  g_clear_pointer (&result->saved_at, g_date_time_unref);
  g_free (result);
}

static LoadResult *
parse_cache (const char  *data,
             gsize        length,
             const char  *base_url,
             GError     **error)
{
  static const char * const head[] = { "savedAt", "baseUrl", NULL };
  g_autoptr(GPtrArray) connections = NULL;
  g_autoptr(GDateTime) saved_at = NULL;
  g_autofree char *normalized = NULL;
  char *values[G_N_ELEMENTS (head)] = { NULL };
  LoadResult *result;

  /* The same reader as a list page; the members pb_cache_save writes beside "items" too. */
  connections = pb_connection_parse_list_with (data, length, head, values, error);
  if (connections != NULL && values[0] != NULL)
    saved_at = g_date_time_new_from_iso8601 (values[0], NULL);
  normalized = values[1] != NULL ? normalize_base_url (values[1]) : NULL;
  g_free (values[0]);
  g_free (values[1]);
  if (connections == NULL)
    return NULL;

  if (saved_at == NULL || normalized == NULL)
    {
      g_set_error_literal (error, PB_PARSE_ERROR, PB_PARSE_ERROR_STRUCTURE,
                           _("savedAt, baseUrl: missing or not as Plugboard writes them"));
      return NULL;
    }

  if (base_url != NULL && g_strcmp0 (normalized, base_url) != 0)
    {
      g_debug ("The cache is of %s, not of %s", normalized, base_url);
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                           _("No list of this account was kept for offline use."));
      return NULL;
    }

  result = g_new0 (LoadResult, 1);
  result->connections = g_steal_pointer (&connections);
  result->saved_at = g_date_time_to_utc (saved_at);

  return result;
}

static void
load_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  LoadData *data = task_data;
  g_autoptr(GFile) file = g_file_new_for_path (data->path);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  LoadResult *result;
  gsize length;

  if (!g_file_load_contents (file, cancellable, &contents, &length, NULL, &error))
    {
      g_debug ("Cannot read %s: %s", data->path, error->message);
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                                 _("No list of this account was kept for offline use."));
      else
        g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  result = parse_cache (contents, length, data->base_url, &error);
  if (result == NULL)
    {
      if (error->domain == PB_PARSE_ERROR)
        g_prefix_error (&error, _("The list kept for offline use is damaged: "));
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_pointer (task, result, (GDestroyNotify)load_result_free);
}

void
pb_cache_load_async (const char          *account_id,
                     const char          *base_url,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  LoadData *data;

  g_return_if_fail (account_id != NULL && *account_id != '\0');
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, pb_cache_load_async);

  data = g_new0 (LoadData, 1);
  data->path = pb_cache_get_path (account_id);
  data->base_url = base_url != NULL ? normalize_base_url (base_url) : NULL;
  g_task_set_task_data (task, data, (GDestroyNotify)load_data_free);

  g_task_run_in_thread (task, load_in_thread);
}

GPtrArray *
pb_cache_load_finish (GAsyncResult  *result,
                      GDateTime    **saved_at,
                      GError       **error)
{
  LoadResult *load;
  GPtrArray *connections;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == pb_cache_load_async, NULL);

  load = g_task_propagate_pointer (G_TASK (result), error);
  if (load == NULL)
    return NULL;

  connections = g_steal_pointer (&load->connections);
  if (saved_at != NULL)
    *saved_at = g_steal_pointer (&load->saved_at);
  load_result_free (load);

  return connections;
}

/* }}} */
/* {{{ Removing */

static gboolean
remove_file (const char  *path,
             GError     **error)
{
  if (g_remove (path) != 0 && errno != ENOENT)
    {
      int saved = errno;

      g_debug ("Cannot remove %s: %s", path, g_strerror (saved));
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("The list kept for offline use cannot be removed: %s"),
                   g_strerror (saved));
      return FALSE;
    }

  return TRUE;
}

gboolean
pb_cache_remove (const char  *account_id,
                 GError     **error)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (account_id != NULL && *account_id != '\0', FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  path = pb_cache_get_path (account_id);

  return remove_file (path, error);
}

/* A cache, or the temporary file of a write that was interrupted (<cache>.XXXXXX). */
static gboolean
is_cache_file (const char *name)
{
  return g_str_has_prefix (name, FILE_PREFIX)
         && (g_str_has_suffix (name, FILE_SUFFIX) || strstr (name, FILE_SUFFIX ".") != NULL);
}

gboolean
pb_cache_clear_all (GError **error)
{
  g_autofree char *folder = get_folder ();
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  dir = g_dir_open (folder, 0, &local_error);
  if (dir == NULL)
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return TRUE;
      g_debug ("Cannot list %s: %s", folder, local_error->message);
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                           _("The lists kept for offline use cannot be removed."));
      return FALSE;
    }

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;

      if (!is_cache_file (name))
        continue;
      path = g_build_filename (folder, name, NULL);
      if (!remove_file (path, error))
        return FALSE;
    }

  /* Only when nothing else is left in it. */
  g_rmdir (folder);

  return TRUE;
}

/* }}} */
