/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pb-compare-window"

#include "config.h"

#include <glib/gi18n.h>

#include "pb-compare-window-private.h"

/* Import…: a file Plugboard exported (one connection or a list, pb-compare.h's import) as
 * the source, offered after the accounts in the source picker (never as the target: a file
 * is not written to), compared and copied as an account's connections are. One file at a
 * time: another replaces it. Values the export masked are flagged (Check Before Copying)
 * and stop a copy (pb-compare-window-pair.c). */

GPtrArray *
_pb_compare_window_steal_files (PbCompareWindow *self)
{
  GPtrArray *files = g_ptr_array_new_with_free_func ((GDestroyNotify) _pb_compare_side_free);

  for (guint i = self->sides->len; i > 0; i--)
    {
      PbCompareSide *side = g_ptr_array_index (self->sides, i - 1);

      if (side->connections != NULL)
        g_ptr_array_insert (files, 0, g_ptr_array_steal_index (self->sides, i - 1));
    }
  return files;
}

typedef struct
{
  PbCompareWindow *window;
  char            *name;    /* the file's */
} Import;

static void
import_free (Import *import)
{
  g_object_unref (import->window);
  g_free (import->name);
  g_free (import);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Import, import_free)

static void
imported_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(Import) import = user_data;
  PbCompareWindow *self = import->window;
  g_autoptr(GListModel) connections = NULL;
  g_autoptr(GPtrArray) earlier = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_steal_pointer (&import->name);
  PbCompareSide *side;
  guint target = self->target_index;

  self->n_importing--;
  connections = pb_compare_import_file_finish (result, &error);
  if (connections == NULL)
    {
      g_autofree char *text = NULL;

      /* Translators: the first %s is a file name, the second says why */
      text = g_strdup_printf (_("“%s” could not be imported: %s"), name, error->message);
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
      return;
    }
  if (gtk_window_get_application (GTK_WINDOW (self)) == NULL)
    return; /* the window is closing */

  /* The file before it is no longer offered; the target stays. */
  earlier = _pb_compare_window_steal_files (self);
  side = g_new0 (PbCompareSide, 1);
  side->title = g_steal_pointer (&name);
  side->connections = g_steal_pointer (&connections);
  g_ptr_array_add (self->sides, side);
  if (target >= self->sides->len - 1)
    target = 0;
  self->source_index = self->sides->len - 1;
  self->target_index = target;
  _pb_compare_window_update_pickers (self);
  pb_compare_window_set_accounts (self, self->sides->len - 1, target);
}

void
pb_compare_window_import_file (PbCompareWindow *self,
                               GFile           *file)
{
  Import *import = NULL;

  g_return_if_fail (PB_IS_COMPARE_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  import = g_new0 (Import, 1);
  import->window = g_object_ref (self);
  import->name = g_file_get_basename (file);
  self->n_importing++;
  pb_compare_import_file_async (file, NULL, imported_cb, import);
}

gboolean
pb_compare_window_get_importing (PbCompareWindow *self)
{
  g_return_val_if_fail (PB_IS_COMPARE_WINDOW (self), FALSE);

  return self->n_importing > 0;
}

static void
chosen_cb (GtkNativeDialog *chooser,
           int              response,
           PbCompareWindow *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file != NULL)
        pb_compare_window_import_file (self, file);
    }
  g_object_unref (self);
  g_object_unref (chooser);
}

void
_pb_compare_window_import_action (GtkWidget  *widget,
                                  const char *action_name,
                                  GVariant   *param)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  GtkFileChooserNative *chooser;

  /* GtkFileChooserNative: GtkFileDialog is GTK 4.10's, and this builds on 4.8. */
  chooser = gtk_file_chooser_native_new (_("Import a File Exported by Plugboard"),
                                         GTK_WINDOW (widget), GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Import"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_filter_set_name (filter, _("JSON files"));
  gtk_file_filter_add_mime_type (filter, "application/json");
  gtk_file_filter_add_pattern (filter, "*.json");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_signal_connect (chooser, "response", G_CALLBACK (chosen_cb), g_object_ref (widget));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}
