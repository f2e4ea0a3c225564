/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pb-focus-group"

#include "config.h"

#include "pb-focus-group.h"

struct _PbFocusGroup
{
  GtkBox parent_instance;
};

G_DEFINE_FINAL_TYPE (PbFocusGroup, pb_focus_group, GTK_TYPE_BOX)

/* The focus to the row chosen at or below `widget` (a list's item: GTK marks it selected). */
static gboolean
grab_selected (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (!gtk_widget_get_mapped (child))
        continue;
      if ((gtk_widget_get_state_flags (child) & GTK_STATE_FLAG_SELECTED) != 0
          && gtk_widget_grab_focus (child))
        return TRUE;
      if (grab_selected (child))
        return TRUE;
    }
  return FALSE;
}

/* The focus to the first widget below `widget` that takes it, the innermost first. */
static gboolean
grab_first (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (gtk_widget_get_mapped (child)
        /* Inside first: a scrolled window takes the focus too, in place of its list. */
        && (grab_first (child)
            /* A GtkListView's items take the focus without being marked focusable. */
            || ((gtk_widget_get_focusable (child) || GTK_IS_LIST_VIEW (widget))
                && gtk_widget_grab_focus (child))))
      return TRUE;
  return FALSE;
}

static gboolean
pb_focus_group_focus (GtkWidget        *widget,
                      GtkDirectionType  direction)
{
  gboolean tab = direction == GTK_DIR_TAB_FORWARD || direction == GTK_DIR_TAB_BACKWARD;
  GtkRoot *root;
  GtkWidget *focus;

  if (!tab)
    return GTK_WIDGET_CLASS (pb_focus_group_parent_class)->focus (widget, direction);
  /* In the list already: Tab goes on past it, not to its next row. (The window's focus, not
   * the focus child, which a row taken away with the focus can leave behind.) */
  root = gtk_widget_get_root (widget);
  focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  if (focus != NULL && gtk_widget_is_ancestor (focus, widget))
    return FALSE;
  /* Coming in either way: the row chosen, else the first (a scrolled window says it took the
   * focus when its list did not). */
  return grab_selected (widget) || grab_first (widget);
}

static void
pb_focus_group_class_init (PbFocusGroupClass *klass)
{
  GTK_WIDGET_CLASS (klass)->focus = pb_focus_group_focus;
}

static void
pb_focus_group_init (PbFocusGroup *self)
{
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_VERTICAL);
}
