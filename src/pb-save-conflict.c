/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pb-save-conflict"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "pb-accessible.h"
#include "pb-connection.h"
#include "pb-connection-reader.h"
#include "pb-diff.h"
#include "pb-diff-view.h"
#include "pb-format.h"
#include "pb-save-conflict.h"

struct _PbSaveConflict
{
  AdwWindow   parent_instance;

  gboolean    can_reapply;
  gboolean    responded;

  GtkLabel   *who_label;
  GtkLabel   *choice_label;
  PbDiffView *theirs_view;
  PbDiffView *mine_view;
  GtkWidget  *reapply_button;
};

G_DEFINE_FINAL_TYPE (PbSaveConflict, pb_save_conflict, ADW_TYPE_WINDOW)

enum {
  RESPONSE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
respond (PbSaveConflict *self,
         const char     *response)
{
  if (self->responded)
    return;

  self->responded = TRUE;
  g_signal_emit (self, signals[RESPONSE], 0, response);
}

static void
response_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  PbSaveConflict *self = PB_SAVE_CONFLICT (widget);

  if (g_str_equal (action_name, "conflict.reapply"))
    {
      if (self->can_reapply)
        respond (self, "reapply");
    }
  else if (g_str_equal (action_name, "conflict.overwrite"))
    respond (self, "overwrite");
  else
    respond (self, "cancel");

  gtk_window_close (GTK_WINDOW (self));
}

static gboolean
pb_save_conflict_close_request (GtkWindow *window)
{
  respond (PB_SAVE_CONFLICT (window), "cancel");

  return GTK_WINDOW_CLASS (pb_save_conflict_parent_class)->close_request (window);
}

gboolean
pb_save_conflict_get_can_reapply (PbSaveConflict *self)
{
  g_return_val_if_fail (PB_IS_SAVE_CONFLICT (self), FALSE);

  return self->can_reapply;
}

static void
pb_save_conflict_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), PB_TYPE_SAVE_CONFLICT);

  G_OBJECT_CLASS (pb_save_conflict_parent_class)->dispose (object);
}

static void
pb_save_conflict_class_init (PbSaveConflictClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = pb_save_conflict_dispose;
  window_class->close_request = pb_save_conflict_close_request;

  /* "reapply", "overwrite" or "cancel" (also when the window is closed), once, as the window
   * closes. */
  signals[RESPONSE] = g_signal_new ("response", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  g_type_ensure (PB_TYPE_DIFF_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/pb-save-conflict.ui");
  gtk_widget_class_bind_template_child (widget_class, PbSaveConflict, who_label);
  gtk_widget_class_bind_template_child (widget_class, PbSaveConflict, choice_label);
  gtk_widget_class_bind_template_child (widget_class, PbSaveConflict, theirs_view);
  gtk_widget_class_bind_template_child (widget_class, PbSaveConflict, mine_view);
  gtk_widget_class_bind_template_child (widget_class, PbSaveConflict, reapply_button);

  gtk_widget_class_install_action (widget_class, "conflict.reapply", NULL, response_action);
  gtk_widget_class_install_action (widget_class, "conflict.overwrite", NULL, response_action);
  gtk_widget_class_install_action (widget_class, "conflict.cancel", NULL, response_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "conflict.cancel", NULL);
}

static void
pb_save_conflict_init (PbSaveConflict *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* Whether `by` names someone readably (an e-mail address, a name) rather than by an id only:
 * the API gives a user reference, a UUID that tells nobody anything. */
static gboolean
is_readable_name (const char *by)
{
  return by != NULL && *by != '\0' && !g_uuid_string_is_valid (by) &&
         strspn (by, "0123456789abcdefABCDEF-") != strlen (by);
}

/* "“Name” was changed by … on …": what the version on the server says of itself. The id of
 * whoever changed it, when that is all there is, goes to `*by_id` (for the tooltip). */
static char *
dup_who (const char  *theirs,
         char       **by_id)
{
  g_autoptr(PbConnection) connection = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *when = NULL;
  const char *by;

  connection = pb_connection_new_from_data (theirs, -1, &error);
  if (connection == NULL)
    {
      g_debug ("The version on the server does not read as a connection: %s", error->message);
      return g_strdup (_("The connection was changed on the server after you began."));
    }

  name = pb_format_for_display (pb_connection_get_name (connection), PB_FORMAT_TITLE_CHARS);
  by = pb_connection_get_modified_by_ref (connection);
  if (pb_connection_get_modified_at (connection) != NULL)
    when = pb_format_date_time_ago (pb_connection_get_modified_at (connection));

  if (by != NULL && *by != '\0' && !is_readable_name (by))
    {
      *by_id = g_strdup (by);
      by = NULL;
      if (when != NULL)
        /* Translators: a connection's name, then when someone (only known by an id) changed it */
        return g_strdup_printf (_("“%s” was changed by someone else on %s, after you began."),
                                name, when);
    }
  if (when != NULL && by != NULL && *by != '\0')
    /* Translators: a connection's name, who changed it (a user reference), then when */
    return g_strdup_printf (_("“%s” was changed by %s on %s, after you began."), name, by,
                            when);
  if (when != NULL)
    /* Translators: a connection's name, then when it was changed */
    return g_strdup_printf (_("“%s” was changed on %s, after you began."), name, when);

  /* Translators: a connection's name */
  return g_strdup_printf (_("“%s” was changed on the server after you began."), name);
}

static GPtrArray *
dup_diff (PbDiffView *view,
          const char *from,
          const char *to)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *entries = pb_diff_connections (from, to, PB_DIFF_IGNORE_SERVER_FIELDS, &error);

  if (entries == NULL)
    pb_diff_view_set_placeholder (view, error->message);

  return entries;
}

/* A field both sides changed is shown the same way on both: as lines when either is. */
static void
match_shapes (GPtrArray *theirs,
              GPtrArray *mine)
{
  for (guint i = 0; theirs != NULL && mine != NULL && i < theirs->len; i++)
    for (guint j = 0; j < mine->len; j++)
      {
        PbDiffEntry *a = g_ptr_array_index (theirs, i);
        PbDiffEntry *b = g_ptr_array_index (mine, j);

        if (g_strcmp0 (a->path, b->path) == 0)
          a->multiline = b->multiline = a->multiline || b->multiline;
      }
}

PbSaveConflict *
pb_save_conflict_new (GtkWindow  *parent,
                      const char *base,
                      const char *mine,
                      const char *theirs)
{
  PbSaveConflict *self;
  g_autoptr(GError) error = NULL;
  g_autofree char *who = NULL;
  g_autofree char *by_id = NULL;
  g_autoptr(GPtrArray) theirs_entries = NULL;
  g_autoptr(GPtrArray) mine_entries = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (base != NULL && mine != NULL && theirs != NULL, NULL);

  self = g_object_new (PB_TYPE_SAVE_CONFLICT, "transient-for", parent, NULL);

  who = dup_who (theirs, &by_id);
  gtk_label_set_text (self->who_label, who);
  if (by_id != NULL)
    {
      /* Translators: %s is the id of a user, as the server gives it */
      g_autofree char *details = g_strdup_printf (_("Changed by the user with the id %s"),
                                                  by_id);

      gtk_widget_set_tooltip_text (GTK_WIDGET (self->who_label), details);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->who_label),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, details, -1);
    }
  theirs_entries = dup_diff (self->theirs_view, base, theirs);
  mine_entries = dup_diff (self->mine_view, base, mine);
  match_shapes (theirs_entries, mine_entries);
  pb_diff_view_set_entries (self->theirs_view, theirs_entries);
  pb_diff_view_set_entries (self->mine_view, mine_entries);

  self->can_reapply = !pb_diff_overlaps (base, mine, theirs, &error) && error == NULL;
  if (error != NULL)
    g_debug ("The changes could not be compared: %s", error->message);
  gtk_widget_set_visible (self->reapply_button, self->can_reapply);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "conflict.reapply", self->can_reapply);
  gtk_label_set_text (self->choice_label,
                      self->can_reapply
                      ? _("Nothing was sent. Your changes touch other fields than theirs: they "
                          "can be applied onto the new version.")
                      : _("Nothing was sent. Both change the same fields: overwriting replaces "
                          "their changes with yours."));
  if (self->can_reapply)
    gtk_window_set_default_widget (GTK_WINDOW (self), self->reapply_button);

  pb_accessible_name_text_buttons (GTK_WIDGET (self));

  return self;
}
