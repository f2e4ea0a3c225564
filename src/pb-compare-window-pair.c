/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pb-compare-window"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pb-accessible.h"
#include "pb-compare-window-private.h"
#include "pb-connection.h"
#include "pb-connection-draft.h"
#include "pb-diff.h"
#include "pb-format.h"
#include "pb-save-flow.h"
#include "pb-window.h"

/* The pair chosen: its row in the list of a group, what differs, what to check, and
 * Copy to <target>: a connection only the source has is created in the target, one that
 * differs replaces the target's, each through the save flow on the target's store (its
 * preview, its production guard, its conflict check, its history). The OAuth client secret
 * cannot be copied (the API never returns it): the user types it, or knowingly goes on
 * without it, before the flow starts. */

/* {{{ The row of a pair */

/* The check box is no focus stop (Space ticks it): a screen reader hears from the row whether
 * it is chosen. */
static void
check_active_cb (GtkCheckButton *check)
{
  GtkWidget *box = gtk_widget_get_parent (GTK_WIDGET (check));
  GtkWidget *item = box != NULL ? gtk_widget_get_parent (box) : NULL;

  if (item == NULL)
    return;
  if (gtk_check_button_get_active (check))
    gtk_accessible_update_property (GTK_ACCESSIBLE (item), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                    _("Chosen for copying together"), -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (item), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
}

void
_pb_compare_window_setup_pair_row (GtkSignalListItemFactory *factory,
                                   GtkListItem              *item,
                gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *labels = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *subtitle = gtk_label_new (NULL);
  GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
  GtkWidget *check = gtk_check_button_new ();

  /* Chosen for Copy N to <target> (pb-compare-window-batch.c). */
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (check, _("Choose for copying together"));
  /* Space ticks it (pb-compare-window-keys.c): the row is the list's one Tab stop. */
  gtk_widget_set_focusable (check, FALSE);
  g_signal_connect (check, "notify::active", G_CALLBACK (check_active_cb), NULL);
  g_signal_connect (check, "toggled", G_CALLBACK (_pb_compare_window_check_toggled_cb),
                    user_data);
  gtk_box_append (GTK_BOX (box), check);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (subtitle), 0);
  /* A note ("Named … in …") reads in full on a narrow list. */
  gtk_label_set_wrap (GTK_LABEL (subtitle), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (subtitle), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_lines (GTK_LABEL (subtitle), 3);
  gtk_label_set_ellipsize (GTK_LABEL (subtitle), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (subtitle, "dim-label");
  gtk_widget_add_css_class (subtitle, "caption");
  gtk_widget_set_hexpand (labels, TRUE);
  /* The name level with its check box. */
  gtk_widget_set_valign (labels, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (icon, "warning");
  gtk_widget_set_tooltip_text (icon, _("Check before copying"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Values to check before copying"), -1);
  gtk_box_append (GTK_BOX (labels), title);
  gtk_box_append (GTK_BOX (labels), subtitle);
  gtk_box_append (GTK_BOX (box), labels);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_list_item_set_child (item, box);
}

/* The line under a pair's name: why it is alone, or the name it has in the target. */
static char *
dup_pair_note (PbCompareWindow *self,
               PbComparePair   *pair)
{
  PbConnection *source = pb_compare_pair_get_source (pair);
  PbConnection *target = pb_compare_pair_get_target (pair);
  PbCompareSide *target_side = _pb_compare_window_get_side (self, TRUE);

  if (pb_compare_pair_get_duplicate_name (pair))
    return g_strdup (_("Its name is used more than once in its account"));
  if (source != NULL && target != NULL
      && g_strcmp0 (pb_connection_get_name (source), pb_connection_get_name (target)) != 0)
    {
      g_autofree char *name = pb_format_for_display (pb_connection_get_name (target),
                                                     PB_FORMAT_TITLE_CHARS);

      /* Spaces around a name inside quotes look like a mistake in the note; the name keeps
       * them. */
      if (name != NULL)
        g_strstrip (name);
      /* Translators: the first %s is a connection's name, the second an account's */
      return g_strdup_printf (_("Named “%s” in %s"), name,
                              target_side != NULL ? target_side->title : "");
    }
  return NULL;
}

void
_pb_compare_window_bind_pair_row (GtkSignalListItemFactory *factory,
                                  GtkListItem              *item,
               gpointer                  user_data)
{
  PbCompareWindow *self = user_data;
  PbComparePair *pair = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *check = gtk_widget_get_first_child (box);
  GtkWidget *labels = gtk_widget_get_next_sibling (check);
  GtkWidget *title = gtk_widget_get_first_child (labels);
  GtkWidget *subtitle = gtk_widget_get_next_sibling (title);
  GtkWidget *icon = gtk_widget_get_next_sibling (labels);
  g_autofree char *name = pb_format_for_display (pb_compare_pair_get_name (pair),
                                                 PB_FORMAT_TITLE_CHARS);
  g_autofree char *note = dup_pair_note (self, pair);
  g_autofree char *accessible = NULL;

  gtk_label_set_text (GTK_LABEL (title), name);
  gtk_label_set_text (GTK_LABEL (subtitle), note);
  /* A screen reader reads the list's item (GTK 4.8 has no API on GtkListItem for it), as the
   * main window's rows (pb-connection-row.c). */
  if (note != NULL)
    {
      /* Translators: how a screen reader reads a row of Compare Accounts: a connection's
       * name, then the line under it ("Named “Stock” in Demo Production") */
      accessible = g_strdup_printf (_("%s, %s"), name, note);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_widget_get_parent (box)),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible != NULL ? accessible : name, -1);
  gtk_widget_set_visible (subtitle, note != NULL);
  gtk_widget_set_visible (icon, pb_compare_pair_get_n_self_references (pair) > 0
                                && pb_compare_pair_get_source (pair) != NULL);
  _pb_compare_window_bind_check (self, check, pair);
  check_active_cb (GTK_CHECK_BUTTON (check));
}

/* }}} */
/* {{{ The pair */

static char *
dup_summary (PbCompareWindow *self,
             PbComparePair   *pair)
{
  const char *source = _pb_compare_window_get_side (self, FALSE)->title;
  const char *target = _pb_compare_window_get_side (self, TRUE)->title;

  switch (pb_compare_pair_get_group (pair))
    {
    case PB_COMPARE_GROUP_ONLY_IN_SOURCE:
      /* Translators: both %s are names of accounts */
      return g_strdup_printf (_("Only in %s. Copying creates it in %s."), source, target);
    case PB_COMPARE_GROUP_ONLY_IN_TARGET:
      /* Translators: both %s are names of accounts; the second is the account it could be
       * copied to */
      return g_strdup_printf (_("Only in %s. To copy it to %s, swap the accounts."), target,
                              source);
    case PB_COMPARE_GROUP_DIFFERENT:
      /* Translators: both %s are names of accounts */
      return g_strdup_printf (_("In both accounts, with differences. Copying replaces the "
                                "version in %s with the one in %s."), target, source);
    case PB_COMPARE_GROUP_IDENTICAL:
    default:
      return g_strdup (_("The same in both accounts, apart from what each server assigns "
                         "(reference, revision, dates)."));
    }
}

static char *
dup_changes_description (PbCompareWindow *self,
                         PbComparePair   *pair)
{
  const char *source = _pb_compare_window_get_side (self, FALSE)->title;
  const char *target = _pb_compare_window_get_side (self, TRUE)->title;

  switch (pb_compare_pair_get_group (pair))
    {
    case PB_COMPARE_GROUP_ONLY_IN_SOURCE:
      /* Translators: %s is the name of an account */
      return g_strdup_printf (_("Everything it holds, as %s has it"), source);
    case PB_COMPARE_GROUP_ONLY_IN_TARGET:
      return NULL;
    case PB_COMPARE_GROUP_DIFFERENT:
      /* Translators: both %s are names of accounts */
      return g_strdup_printf (_("From the version in %s to the one in %s"), target, source);
    case PB_COMPARE_GROUP_IDENTICAL:
    default:
      return NULL;
    }
}

/* What the form calls the field at `path` ("URL" for "request.connectionUrl", the row's
 * label for a cell of a table), from the entries of everything the source holds. */
static const char *
label_for_path (GPtrArray  *fields,
                const char *path)
{
  const char *dot = strrchr (path, '.');
  gsize row_length = dot != NULL ? (gsize) (dot - path) : 0;

  for (guint i = 0; fields != NULL && i < fields->len; i++)
    {
      PbDiffEntry *entry = g_ptr_array_index (fields, i);

      if (g_strcmp0 (entry->path, path) == 0)
        return entry->label;
    }
  for (guint i = 0; fields != NULL && row_length > 0 && i < fields->len; i++)
    {
      PbDiffEntry *entry = g_ptr_array_index (fields, i);

      if (strlen (entry->path) == row_length && strncmp (entry->path, path, row_length) == 0)
        return entry->label;
    }
  return path;
}

static void
show_flags (PbCompareWindow *self,
            PbComparePair   *pair)
{
  g_autoptr(GPtrArray) refs = NULL;
  g_autoptr(GPtrArray) fields = NULL;

  for (guint i = 0; i < self->flag_rows->len; i++)
    adw_preferences_group_remove (self->flags_group, g_ptr_array_index (self->flag_rows, i));
  g_ptr_array_set_size (self->flag_rows, 0);

  if (pair != NULL && pb_compare_pair_get_source (pair) != NULL
      && pb_compare_pair_get_group (pair) != PB_COMPARE_GROUP_IDENTICAL)
    refs = pb_compare_dup_self_references (self->compare, pair);
  if (refs != NULL && refs->len > 0)
    fields = pb_diff_connections ("{}", pb_connection_get_json (pb_compare_pair_get_source (pair)),
                                  PB_DIFF_IGNORE_SERVER_FIELDS, NULL);

  for (guint i = 0; refs != NULL && i < refs->len; i++)
    {
      PbSelfReference *ref = g_ptr_array_index (refs, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
      g_autofree char *subtitle = g_strdup_printf ("%s\n%s", ref->value, ref->reason);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     label_for_path (fields, ref->path));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_widget_add_css_class (icon, "warning");
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      adw_preferences_group_add (self->flags_group, row);
      g_ptr_array_add (self->flag_rows, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->flags_group), self->flag_rows->len > 0);
}

/* A field shown as it is, neither added nor removed: one a copy keeps, or one of a
 * connection only the target has (a copy does nothing to it either way). */
static GtkWidget *
new_value_row (const PbDiffEntry *entry)
{
  GtkWidget *row = adw_action_row_new ();
  const char *text = entry->old_text != NULL ? entry->old_text : entry->new_text;
  g_autofree char *value = pb_format_change_value (entry->path, text);
  g_autofree char *shown = pb_format_for_display (value, PB_FORMAT_TITLE_CHARS);
  g_autofree char *title = NULL;

  /* An empty text, list or object: said as the list of differences says it, not as JSON. */
  if (text == NULL || text[0] == '\0' || g_str_equal (text, "[]") || g_str_equal (text, "{}"))
    {
      g_free (shown);
      shown = g_strdup (_("(empty)"));
    }
  if (g_strcmp0 (entry->label, entry->path) == 0)
    /* Translators: %s is the name of a member of a connection's JSON, e.g. "notes" */
    title = g_strdup_printf (_("%s (a field Plugboard does not know)"), entry->label);
  else
    title = g_strdup (entry->label);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), shown != NULL ? shown : "");
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 3);
  return row;
}

/* Under the differences: the target's members a copy keeps; for a connection only the target
 * has, all its fields (in place of the differences, which would all be "Removed"). */
static void
show_values (PbCompareWindow *self,
             PbComparePair   *pair,
             GPtrArray       *entries)
{
  PbCompareSide *side = _pb_compare_window_get_side (self, TRUE);
  const char *target = side != NULL ? side->title : "";
  g_autoptr(GPtrArray) kept = NULL;
  GPtrArray *rows;
  GPtrArray *shown = NULL;
  g_autofree char *title = NULL;
  g_autofree char *description = NULL;

  if (self->kept_group == NULL)
    {
      GtkWidget *parent = gtk_widget_get_parent (GTK_WIDGET (self->changes_group));

      self->kept_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
      g_object_set_data_full (G_OBJECT (self->kept_group), "rows", g_ptr_array_new (),
                              (GDestroyNotify) g_ptr_array_unref);
      gtk_widget_insert_after (GTK_WIDGET (self->kept_group), parent,
                               GTK_WIDGET (self->changes_group));
    }
  rows = g_object_get_data (G_OBJECT (self->kept_group), "rows");
  for (guint i = 0; i < rows->len; i++)
    adw_preferences_group_remove (self->kept_group, g_ptr_array_index (rows, i));
  g_ptr_array_set_size (rows, 0);

  if (pair != NULL && pb_compare_pair_get_group (pair) == PB_COMPARE_GROUP_ONLY_IN_TARGET)
    {
      shown = entries;
      title = g_strdup (_("Fields"));
      /* Translators: %s is the name of an account */
      description = g_strdup_printf (_("As %s has it"), target);
    }
  else if (pair != NULL)
    {
      kept = pb_compare_pair_dup_kept (pair);
      shown = kept;
      /* Translators: %s is the name of an account */
      title = g_strdup_printf (_("Kept in %s"), target);
      /* Translators: %s is the name of an account */
      description = g_strdup_printf (_("Only %s has these: a copy keeps them as they are."),
                                     target);
    }
  for (guint i = 0; shown != NULL && i < shown->len; i++)
    {
      GtkWidget *row = new_value_row (g_ptr_array_index (shown, i));

      adw_preferences_group_add (self->kept_group, row);
      g_ptr_array_add (rows, row);
    }
  adw_preferences_group_set_title (self->kept_group, title != NULL ? title : "");
  adw_preferences_group_set_description (self->kept_group, description);
  gtk_widget_set_visible (GTK_WIDGET (self->kept_group), rows->len > 0);
  /* The same but for what a copy keeps: said, not "the same in both". */
  if (pair != NULL && pb_compare_pair_get_group (pair) == PB_COMPARE_GROUP_IDENTICAL
      && rows->len > 0)
    {
      g_autofree char *summary = NULL;

      /* Translators: %s is the name of an account */
      summary = g_strdup_printf (_("The same for copying: a copy would change nothing. Only %s "
                                   "has the fields kept below."), target);
      gtk_label_set_text (self->pair_summary, summary);
    }
  /* Only the target has it: nothing of it would change, nothing is a difference. */
  gtk_widget_set_visible (GTK_WIDGET (self->changes_group),
                          pair == NULL || shown != entries || rows->len == 0);
}

void
_pb_compare_window_show_pair (PbCompareWindow *self,
                              PbComparePair   *pair)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *description = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *copy_label = NULL;
  PbCompareGroup group;

  if (pair != self->pair)
    {
      g_set_object (&self->pair, pair);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
      _pb_compare_window_show_secret (self);
    }

  if (pair == NULL)
    {
      gtk_stack_set_visible_child_name (self->detail_stack, "empty");
      show_flags (self, NULL);
      show_values (self, NULL, NULL);
      _pb_compare_window_update_copy (self);
      _pb_compare_window_update_pair_menu (self);
      return;
    }

  group = pb_compare_pair_get_group (pair);
  name = pb_format_for_display (pb_compare_pair_get_name (pair), PB_FORMAT_TITLE_CHARS);
  summary = dup_summary (self, pair);
  gtk_label_set_text (self->pair_title, name);
  gtk_label_set_text (self->pair_summary, summary);

  /* Translators: a button; %s is the name of an account */
  copy_label = g_strdup_printf (_("Copy to %s"), _pb_compare_window_get_side (self, TRUE)->title);
  gtk_button_set_label (GTK_BUTTON (self->copy_button), copy_label);
  /* Named once, not by its label a second time. */
  pb_accessible_name_text_buttons (self->copy_button);
  gtk_widget_set_visible (self->copy_button, group == PB_COMPARE_GROUP_ONLY_IN_SOURCE
                                             || group == PB_COMPARE_GROUP_DIFFERENT);

  description = dup_changes_description (self, pair);
  escaped = description != NULL ? g_markup_escape_text (description, -1) : NULL;
  adw_preferences_group_set_description (self->changes_group, escaped);
  entries = pb_compare_pair_dup_differences (pair, &error);
  if (entries == NULL)
    {
      g_debug ("No differences of %s: %s", name, error->message);
      pb_diff_view_set_placeholder (self->diff_view,
                                    _("The two versions could not be compared"));
    }
  else
    pb_diff_view_set_placeholder (self->diff_view, _("No differences"));
  pb_diff_view_set_entries (self->diff_view, entries);
  show_values (self, pair, entries);

  show_flags (self, pair);
  _pb_compare_window_update_copy (self);
  _pb_compare_window_update_pair_menu (self);
  gtk_stack_set_visible_child_name (self->detail_stack, "pair");
}

/* }}} */
/* {{{ Copy */

gboolean
_pb_compare_window_can_copy_group (PbComparePair *pair)
{
  PbCompareGroup group;

  if (pair == NULL)
    return FALSE;
  group = pb_compare_pair_get_group (pair);
  return group == PB_COMPARE_GROUP_ONLY_IN_SOURCE || group == PB_COMPARE_GROUP_DIFFERENT;
}

static gboolean
needs_secret (PbCompareWindow *self)
{
  return _pb_compare_window_can_copy_group (self->pair)
         && pb_promote_needs_client_secret (pb_compare_pair_get_source (self->pair));
}

void
_pb_compare_window_show_secret (PbCompareWindow *self)
{
  PbCompareSide *target = _pb_compare_window_get_side (self, TRUE);
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *description = NULL;
  gboolean needed = needs_secret (self);

  /* Another pair: nothing typed for the last one stays. */
  gtk_editable_set_text (GTK_EDITABLE (self->secret_row), "");
  gtk_check_button_set_active (self->without_check, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->secret_group), needed);
  if (!needed)
    return;

  /* Why, and the two choices as they are shown below. */
  if (pb_compare_pair_get_group (self->pair) == PB_COMPARE_GROUP_DIFFERENT)
    /* Translators: %s is the name of an account */
    description = g_strdup_printf (_("The client secret cannot be copied: the API never "
                                     "returns it. Type it, or keep the one %s has."),
                                   target->title);
  else
    description = g_strdup (_("The client secret cannot be copied: the API never returns it. "
                              "Type it, or copy without one."));
  escaped = g_markup_escape_text (description, -1);
  adw_preferences_group_set_description (self->secret_group, escaped);

  if (pb_compare_pair_get_group (self->pair) == PB_COMPARE_GROUP_DIFFERENT)
    {
      /* Translators: %s is the name of an account */
      title = g_strdup_printf (_("Keep the Client Secret of %s"), target->title);
      subtitle = g_strdup (_("The connection there goes on using the secret it has"));
    }
  else
    {
      title = g_strdup (_("Copy Without a Client Secret"));
      /* Translators: %s is the name of an account */
      subtitle = g_strdup_printf (_("Its calls fail until someone types the secret in %s"),
                                  target->title);
    }
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->without_row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->without_row), title);
  adw_action_row_set_subtitle (self->without_row, subtitle);
}

void
_pb_compare_window_update_copy (PbCompareWindow *self)
{
  gboolean enabled = self->copy_cancellable == NULL
                     && _pb_compare_window_can_copy_group (self->pair)
                     && self->compare != NULL && !pb_compare_get_busy (self->compare);
  gboolean without = gtk_check_button_get_active (self->without_check);
  const char *secret = gtk_editable_get_text (GTK_EDITABLE (self->secret_row));

  g_autofree char *reason = NULL;

  if (enabled && needs_secret (self))
    enabled = without || (secret != NULL && secret[0] != '\0');
  /* Copy greyed: why, next to it, not only further down with the secret. */
  if (!without && (secret == NULL || secret[0] == '\0') && needs_secret (self))
    {
      PbCompareSide *target = _pb_compare_window_get_side (self, TRUE);

      if (pb_compare_pair_get_group (self->pair) == PB_COMPARE_GROUP_DIFFERENT)
        /* Translators: %s is the name of an account */
        reason = g_strdup_printf (_("To copy, type the client secret or choose to keep the "
                                    "one in %s."), target->title);
      else
        reason = g_strdup (_("To copy, type the client secret or choose to copy without "
                             "one."));
    }
  if (self->copy_reason_label == NULL && reason != NULL)
    {
      GtkWidget *label = gtk_label_new (NULL);

      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (label, "warning");
      gtk_widget_insert_after (label, gtk_widget_get_parent (GTK_WIDGET (self->pair_summary)),
                               GTK_WIDGET (self->pair_summary));
      self->copy_reason_label = GTK_LABEL (label);
    }
  if (self->copy_reason_label != NULL)
    {
      gtk_label_set_text (self->copy_reason_label, reason != NULL ? reason : "");
      gtk_widget_set_visible (GTK_WIDGET (self->copy_reason_label), reason != NULL);
    }
  /* One choice at a time: the secret typed, or none. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->secret_row), !without);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "compare.copy", enabled);
}

static void
show_error (PbCompareWindow *self,
            const char      *message)
{
  gtk_label_set_text (self->error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

/* The draft the flow writes to the target: a new connection with the source's content, or
 * the target's connection with the source's members. The client secret typed (NULL: none)
 * goes into the draft only (it lives in its memory): the bodies are built without it. */
PbConnectionDraft *
_pb_compare_window_make_draft (PbComparePair  *pair,
                               const char     *secret,
                               GError        **error)
{
  PbConnection *source = pb_compare_pair_get_source (pair);
  PbConnection *target = pb_compare_pair_get_target (pair);
  g_autoptr(PbConnectionDraft) draft = NULL;
  g_autofree char *body = NULL;
  g_autoptr(GPtrArray) masks = pb_compare_find_self_references (source, NULL, NULL);

  guint n_masks = 0;

  /* A file exported without secrets holds masks: copied, they would replace the secrets.
   * (Not the client secret's: it is never copied.) */
  for (guint i = 0; i < masks->len; i++)
    {
      PbSelfReference *ref = g_ptr_array_index (masks, i);

      if (ref->kind == PB_SELF_REFERENCE_MASK
          && g_ascii_strcasecmp (ref->path, "auth.clientSecret") != 0)
        n_masks++;
    }
  if (n_masks > 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("It holds values its export masked, such as secrets: copying "
                             "would write the masks. Import a file exported with secrets."));
      return NULL;
    }

  if (pb_compare_pair_get_group (pair) == PB_COMPARE_GROUP_ONLY_IN_SOURCE)
    {
      body = pb_promote_create_body (source, NULL, PB_PROMOTE_WITHOUT_CLIENT_SECRET, error);
      if (body == NULL)
        return NULL;
      draft = pb_connection_draft_new ("DATA_SYSTEM");
    }
  else
    {
      body = pb_promote_update_body (source, target, NULL, PB_PROMOTE_WITHOUT_CLIENT_SECRET,
                                     NULL, error);
      if (body == NULL)
        return NULL;
      draft = pb_connection_draft_new_for_connection (target);
    }

  if (!pb_connection_draft_replace_content (draft, body, error))
    return NULL;
  if (pb_promote_needs_client_secret (source) && secret != NULL && secret[0] != '\0')
    pb_connection_draft_set_text (draft, PB_DRAFT_AUTH_CLIENT_SECRET, secret);

  return g_steal_pointer (&draft);
}

/* What show_flags() warns of, said again in the copy's preview, the last look before it is
 * confirmed. */
void
_pb_compare_window_set_warning (PbCompareWindow   *self,
                                PbComparePair     *pair,
                                PbConnectionDraft *draft)
{
  g_autoptr(GPtrArray) refs = NULL;
  g_autoptr(GPtrArray) fields = NULL;
  g_autoptr(GString) text = NULL;

  if (self->compare == NULL)
    return;
  refs = pb_compare_dup_self_references (self->compare, pair);
  if (refs->len == 0)
    return;
  fields = pb_diff_connections ("{}", pb_connection_get_json (pb_compare_pair_get_source (pair)),
                                PB_DIFF_IGNORE_SERVER_FIELDS, NULL);
  text = g_string_new (_("Check before copying:"));
  for (guint i = 0; i < refs->len; i++)
    {
      PbSelfReference *ref = g_ptr_array_index (refs, i);

      /* Translators: a line of a list of what to check; the first %s is a field's name, the
       * second why */
      g_string_append_c (text, '\n');
      g_string_append_printf (text, _("• %s: %s"), label_for_path (fields, ref->path),
                              ref->reason);
    }
  pb_save_flow_set_draft_warning (draft, text->str);
}

static PbConnectionDraft *
make_draft (PbCompareWindow  *self,
            GError          **error)
{
  const char *secret = gtk_editable_get_text (GTK_EDITABLE (self->secret_row));
  PbConnectionDraft *draft;

  if (gtk_check_button_get_active (self->without_check))
    secret = NULL;
  draft = _pb_compare_window_make_draft (self->pair, secret, error);
  if (draft != NULL)
    {
      _pb_compare_window_set_warning (self, self->pair, draft);
      pb_save_flow_set_draft_source (draft, _pb_compare_window_get_side (self, FALSE)->title);
    }
  return draft;
}

/* The application's windows that show the target's list load it again, to show the copy. */
void
_pb_compare_window_refresh_target_windows (PbCompareWindow *self)
{
  GtkApplication *application = gtk_window_get_application (GTK_WINDOW (self));
  PbCompareSide *target = _pb_compare_window_get_side (self, TRUE);
  gboolean shown;

  if (application == NULL)
    return;
  if (pb_application_get_demo (PB_APPLICATION (application)))
    shown = target->demo_shown;
  else
    shown = target->cache_id != NULL
            && g_strcmp0 (target->cache_id,
                          pb_application_get_source_id (PB_APPLICATION (application))) == 0;
  if (!shown)
    return;

  for (GList *l = gtk_application_get_windows (application); l != NULL; l = l->next)
    if (PB_IS_WINDOW (l->data))
      gtk_widget_activate_action (GTK_WIDGET (l->data), "win.refresh", NULL);
}

static void
copy_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(PbCompareWindow) self = user_data;
  g_autoptr(PbConnection) connection = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *text = NULL;

  connection = pb_save_flow_run_finish (result, &error);
  if (connection == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
      && self->copy_cancellable != NULL && g_cancellable_is_cancelled (self->copy_cancellable))
    return; /* the window is going */

  /* The copied one stays chosen, in the group it moves to once grouped again. */
  if (connection != NULL && self->copy_cancellable != NULL)
    g_set_object (&self->follow, g_object_get_data (G_OBJECT (self->copy_cancellable),
                                                    "source"));
  g_clear_object (&self->copy_cancellable);
  _pb_compare_window_update_copy (self);

  if (connection == NULL)
    {
      /* Nothing to say when cancelled (nothing was sent) or when the outcome is unknown (the
       * flow said so). */
      g_autofree char *sentence = pb_save_flow_describe_failure (error, PB_SAVE_PROMOTE);

      if (sentence != NULL)
        show_error (self, sentence);
      return;
    }

  /* The target's list has it now: the comparison groups it again by itself. */
  gtk_editable_set_text (GTK_EDITABLE (self->secret_row), "");
  name = pb_format_for_display (pb_connection_get_name (connection), PB_FORMAT_TITLE_CHARS);
  /* Translators: the first %s is a connection's name, the second an account's */
  text = g_strdup_printf (_("Copied “%s” to %s"), name,
                          _pb_compare_window_get_side (self, TRUE)->title);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
  _pb_compare_window_refresh_target_windows (self);
  /* The target's list changed, so a grouping is due (busy) and follows the copy once done;
   * if it is done already, follow it now rather than group everything again. */
  if (self->compare != NULL && !pb_compare_get_busy (self->compare))
    _pb_compare_window_follow (self);
}

void
_pb_compare_window_copy_action (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *param)
{
  PbCompareWindow *self = PB_COMPARE_WINDOW (widget);
  g_autoptr(PbConnectionDraft) draft = NULL;
  g_autoptr(GError) error = NULL;
  PbCompareSide *target = _pb_compare_window_get_side (self, TRUE);

  if (self->copy_cancellable != NULL || !_pb_compare_window_can_copy_group (self->pair))
    return;

  show_error (self, NULL);
  draft = make_draft (self, &error);
  if (draft == NULL)
    {
      show_error (self, error->message);
      return;
    }

  self->copy_cancellable = g_cancellable_new ();
  g_object_set_data_full (G_OBJECT (self->copy_cancellable), "source",
                          g_object_ref (pb_compare_pair_get_source (self->pair)),
                          g_object_unref);
  _pb_compare_window_update_copy (self);
  pb_save_flow_run_async (widget, self->stores[1], target->production, draft, PB_SAVE_PROMOTE,
                          self->copy_cancellable, copy_cb, g_object_ref (self));
}

/* }}} */
