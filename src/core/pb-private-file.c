/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pb-private-file"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "pb-private-file.h"

char *
pb_private_file_reduce_id (const char *account_id)
{
  char *safe;

  g_return_val_if_fail (account_id != NULL, NULL);

  safe = g_strdup (account_id);
  for (char *p = safe; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '-')
      *p = '-';

  return safe;
}

static gboolean
set_errno_error (GError     **error,
                 int          saved_errno,
                 const char  *path)
{
  g_debug ("Cannot write %s: %s", path, g_strerror (saved_errno));
  g_set_error_literal (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                       g_strerror (saved_errno));

  return FALSE;
}

gboolean
pb_private_file_ensure_folder (const char  *folder,
                               GError     **error)
{
  g_return_val_if_fail (folder != NULL, FALSE);

  if (g_mkdir_with_parents (folder, 0700) != 0 || g_chmod (folder, 0700) != 0)
    return set_errno_error (error, errno, folder);

  return TRUE;
}

/* (g_file_replace() writes a file that does not exist yet in place.) */
gboolean
pb_private_file_write (const char    *path,
                       GBytes        *bytes,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_autofree char *temp = NULL;
  gsize length;
  const char *data;
  int fd;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (bytes != NULL, FALSE);

  temp = g_strconcat (path, ".XXXXXX", NULL);
  data = g_bytes_get_data (bytes, &length);
  fd = g_mkstemp_full (temp, O_WRONLY | O_CLOEXEC, 0600);
  if (fd < 0)
    return set_errno_error (error, errno, temp);

  while (length > 0)
    {
      gssize written = write (fd, data, MIN (length, 1024 * 1024));

      if (written < 0 && errno == EINTR)
        continue;
      if (written < 0 || g_cancellable_is_cancelled (cancellable))
        {
          int saved = errno;

          close (fd);
          g_remove (temp);
          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            return FALSE;
          return set_errno_error (error, saved, temp);
        }
      data += written;
      length -= written;
    }

  {
    gboolean synced = fsync (fd) == 0;
    int saved = errno;

    if (close (fd) != 0 && synced)
      {
        synced = FALSE;
        saved = errno;
      }
    if (!synced || g_rename (temp, path) != 0)
      {
        if (synced)
          saved = errno;
        g_remove (temp);
        return set_errno_error (error, saved, path);
      }
  }

  return TRUE;
}
