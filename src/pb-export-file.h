/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Writes an export (Export…, Export All…) to file, replacing what is there. With
 * "Include Secrets", an export holds the tenant's credentials: the file is created readable by
 * its owner alone (0600), and a file it replaces keeps its mode when that is stricter
 * (0400 stays 0400; 0644 becomes 0600): never looser than 0600, never looser than before. */
void     pb_export_file_write_async  (GFile                *file,
                                      GBytes               *contents,
                                      GCancellable         *cancellable,
                                      GAsyncReadyCallback   callback,
                                      gpointer              user_data);
gboolean pb_export_file_write_finish (GFile                *file,
                                      GAsyncResult         *result,
                                      GError              **error);

G_END_DECLS
