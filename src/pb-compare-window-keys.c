/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pb-compare-window"

#include "config.h"

#include <glib/gi18n.h>

#include "pb-compare-window-private.h"

/* How the Compare window reads to a screen reader and works from the keyboard, beyond its
 * template: the pickers (names shortened to fit, their buttons named with the account), the groups' rows (named with their counts),
 * Space for a row's check box. */

/* A picker shows its account's name shortened when narrow (both fit at 360 px); its list,
 * in full. */
static void
setup_picker_label (GtkSignalListItemFactory *factory,
                    GtkListItem              *item,
                    gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_width_chars (GTK_LABEL (label), 4);
  gtk_list_item_set_child (item, label);
}

static void
bind_picker_label (GtkSignalListItemFactory *factory,
                   GtkListItem              *item,
                   gpointer                  user_data)
{
  GtkStringObject *string = gtk_list_item_get_item (item);

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)),
                      gtk_string_object_get_string (string));
}

/* The picker's button takes the focus (GTK 4.8 names it by its type): it says what it picks
 * and the account picked ("Copy From, Demo Staging"). */
static void
name_picker_button (GtkDropDown *picker)
{
  GtkWidget *button = gtk_widget_get_first_child (GTK_WIDGET (picker));
  GtkStringObject *item = gtk_drop_down_get_selected_item (picker);
  g_autofree char *name = NULL;
  const char *what = gtk_widget_get_tooltip_text (GTK_WIDGET (picker));

  if (!GTK_IS_BUTTON (button) || what == NULL)
    return;
  /* Translators: what a screen reader says of an account picker: what it picks ("Copy From"),
   * then the account picked */
  name = item != NULL ? g_strdup_printf (_("%s, %s"), what, gtk_string_object_get_string (item))
                      : g_strdup (what);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  -1);
}

void
_pb_compare_window_setup_pickers (PbCompareWindow *self)
{
  GtkDropDown *pickers[] = { self->source_dropdown, self->target_dropdown };

  for (guint i = 0; i < G_N_ELEMENTS (pickers); i++)
    {
      g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
      g_autoptr(GtkListItemFactory) list_factory = NULL;

      g_signal_connect (factory, "setup", G_CALLBACK (setup_picker_label), NULL);
      g_signal_connect (factory, "bind", G_CALLBACK (bind_picker_label), NULL);
      /* The list keeps GTK's own rows (the names in full, the one chosen marked). */
      list_factory = g_object_ref (gtk_drop_down_get_factory (pickers[i]));
      gtk_drop_down_set_factory (pickers[i], factory);
      gtk_drop_down_set_list_factory (pickers[i], list_factory);
      g_signal_connect (pickers[i], "notify::selected-item", G_CALLBACK (name_picker_button),
                        NULL);
    }
}

/* A screen reader reads a group's row as its title and count ("Different, 5"). */
/* A group's row: its title and its count (named for a screen reader by
 * _pb_compare_window_update_group_names()). */
void
_pb_compare_window_add_group_row (PbCompareWindow *self,
                                  PbCompareGroup   group,
                                  const char      *title)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *label = gtk_label_new (title);
  GtkWidget *count = gtk_label_new (NULL);
  g_autoptr(GEnumClass) enum_class = g_type_class_ref (PB_TYPE_COMPARE_GROUP);
  g_autofree char *name = g_strdup_printf ("count-%s",
                                           g_enum_get_value (enum_class, group)->value_nick);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_add_css_class (count, "dim-label");
  gtk_widget_add_css_class (count, "numeric");
  gtk_widget_set_name (count, name);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), count);
  gtk_list_box_append (self->groups_list, box);
  self->group_labels[group] = label;
  self->count_labels[group] = count;
}

void
_pb_compare_window_update_group_names (PbCompareWindow *self)
{
  for (guint i = 0; i < PB_COMPARE_N_GROUPS; i++)
    {
      const char *title = gtk_label_get_text (GTK_LABEL (self->group_labels[i]));
      const char *count = gtk_label_get_text (GTK_LABEL (self->count_labels[i]));
      g_autofree char *name = NULL;

      /* Translators: how a screen reader reads a group of Compare Accounts: its title, then
       * how many connections it holds ("Different, 5") */
      name = *count != '\0' ? g_strdup_printf (_("%s, %s"), title, count) : g_strdup (title);
      gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_list_box_get_row_at_index (
                                                        self->groups_list, i)),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
    }
}

/* Space ticks the check box of the row with the focus (the boxes are no Tab stops of their
 * own: one stop for the list). */
static gboolean
toggle_check_cb (GtkWidget *widget,
                 GVariant  *args,
                 gpointer   user_data)
{
  PbCompareWindow *self = PB_COMPARE_WINDOW (user_data);
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));
  GtkWidget *check;

  /* The list's item (its child the row's box, the check box first in it). */
  while (focus != NULL && gtk_widget_get_parent (focus) != GTK_WIDGET (self->pairs_view))
    focus = gtk_widget_get_parent (focus);
  if (focus == NULL || gtk_widget_get_first_child (focus) == NULL)
    return FALSE;
  check = gtk_widget_get_first_child (gtk_widget_get_first_child (focus));
  if (!GTK_IS_CHECK_BUTTON (check) || !gtk_widget_get_visible (check)
      || !gtk_widget_is_sensitive (check))
    return FALSE;
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check),
                               !gtk_check_button_get_active (GTK_CHECK_BUTTON (check)));
  return TRUE;
}

void
_pb_compare_window_add_check_key (PbCompareWindow *self)
{
  GtkEventController *shortcuts = gtk_shortcut_controller_new ();
  GtkShortcutTrigger *space = gtk_keyval_trigger_new (GDK_KEY_space, 0);

  /* Before the row's own Space (which chooses it). */
  gtk_event_controller_set_propagation_phase (shortcuts, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (space,
                                                          gtk_callback_action_new (toggle_check_cb,
                                                                                   self, NULL)));
  gtk_widget_add_controller (GTK_WIDGET (self->pairs_view), shortcuts);
}
