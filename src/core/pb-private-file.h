/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Files of the user's that nobody else may read: the offline cache (pb-cache.c) and the
 * history of replaced versions (pb-history.c). Their folders are 0700, their files 0600,
 * written to a temporary file beside them and renamed, so that a reader sees the old file or
 * the new one, never a part of it. Errors are G_IO_ERROR with the system's sentence (callers
 * say what could not be done). */

/* An account id as a part of a file name: letters, digits and '-' (anything else becomes
 * '-'). */
char     *pb_private_file_reduce_id     (const char    *account_id);

/* Makes `folder` (and its parents) if needed, and makes it 0700. */
gboolean  pb_private_file_ensure_folder (const char    *folder,
                                         GError       **error);

/* Writes all of `bytes` to a new 0600 file beside `path` (path.XXXXXX), syncs it, then renames
 * it over `path`. On failure nothing is left behind and `path` is unchanged. */
gboolean  pb_private_file_write         (const char    *path,
                                         GBytes        *bytes,
                                         GCancellable  *cancellable,
                                         GError       **error);

G_END_DECLS
