/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pb-export-file"

#include "config.h"

#include "pb-export-file.h"

#define PB_EXPORT_FILE_MODE 0600

/* The mode the export gets: 0600, or stricter where the file it replaces was. */
static guint32
pb_export_file_mode (GFile        *file,
                     GCancellable *cancellable)
{
  g_autoptr(GFileInfo) info = NULL;

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_UNIX_MODE, G_FILE_QUERY_INFO_NONE,
                            cancellable, NULL);
  if (info == NULL || !g_file_info_has_attribute (info, G_FILE_ATTRIBUTE_UNIX_MODE))
    return PB_EXPORT_FILE_MODE;

  return g_file_info_get_attribute_uint32 (info, G_FILE_ATTRIBUTE_UNIX_MODE) &
         PB_EXPORT_FILE_MODE;
}

static void
pb_export_file_write_thread (GTask        *task,
                             gpointer      source_object,
                             gpointer      task_data,
                             GCancellable *cancellable)
{
  GFile *file = source_object;
  GBytes *contents = task_data;
  g_autoptr(GError) error = NULL;
  guint32 mode = pb_export_file_mode (file, cancellable);
  gsize size;
  const char *data = g_bytes_get_data (contents, &size);

  /* Private: the new file is 0600 from its creation on, never readable by others for a
   * moment. Replace the destination: a temporary file renamed over it, whatever its mode. */
  if (!g_file_replace_contents (file, data, size, NULL, FALSE,
                                G_FILE_CREATE_PRIVATE | G_FILE_CREATE_REPLACE_DESTINATION,
                                NULL, cancellable, &error) ||
      !g_file_set_attribute_uint32 (file, G_FILE_ATTRIBUTE_UNIX_MODE, mode,
                                    G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, cancellable, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_boolean (task, TRUE);
}

void
pb_export_file_write_async (GFile               *file,
                            GBytes              *contents,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (contents != NULL);

  task = g_task_new (file, cancellable, callback, user_data);
  g_task_set_source_tag (task, pb_export_file_write_async);
  g_task_set_task_data (task, g_bytes_ref (contents), (GDestroyNotify) g_bytes_unref);
  g_task_run_in_thread (task, pb_export_file_write_thread);
}

gboolean
pb_export_file_write_finish (GFile         *file,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, file), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
