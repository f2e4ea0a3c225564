/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pb-test-ui"

#include "config.h"

#include <string.h>

#include <adwaita.h>

#include "pb-test-ui.h"

#define FOR_EACH_CHILD(child, widget) \
  for (GtkWidget *child = gtk_widget_get_first_child (widget); \
       child != NULL; \
       child = gtk_widget_get_next_sibling (child))

GtkWidget *
pb_test_find_widget (GtkWidget         *root,
                     GType              type,
                     PbTestWidgetMatch  match,
                     gconstpointer      data)
{
  if (!gtk_widget_get_mapped (root))
    return NULL;
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type) && (match == NULL || match (root, data)))
    return root;

  FOR_EACH_CHILD (child, root)
    {
      GtkWidget *found = pb_test_find_widget (child, type, match, data);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* The first widget at or below `root`, mapped or not, for which `match` holds. */
static GtkWidget *
find_any (GtkWidget         *root,
          PbTestWidgetMatch  match,
          gconstpointer      data)
{
  if (match (root, data))
    return root;

  FOR_EACH_CHILD (child, root)
    {
      GtkWidget *found = find_any (child, match, data);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
is_of_type (GtkWidget     *widget,
            gconstpointer  data)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, GPOINTER_TO_SIZE (data));
}

static gboolean
has_css_class (GtkWidget     *widget,
               gconstpointer  data)
{
  return gtk_widget_has_css_class (widget, data);
}

static gboolean
has_name (GtkWidget     *widget,
          gconstpointer  data)
{
  return g_strcmp0 (gtk_widget_get_name (widget), data) == 0;
}

GtkWidget *
pb_test_find_by_type (GtkWidget *root,
                      GType      type)
{
  return find_any (root, is_of_type, GSIZE_TO_POINTER (type));
}

GtkWidget *
pb_test_find_by_css_class (GtkWidget  *root,
                           const char *css_class)
{
  return find_any (root, has_css_class, css_class);
}

GtkWidget *
pb_test_find_by_name (GtkWidget  *root,
                      const char *name)
{
  return find_any (root, has_name, name);
}

static void
find_all (GtkWidget *widget,
          GType      type,
          GPtrArray *found)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    g_ptr_array_add (found, widget);

  FOR_EACH_CHILD (child, widget)
    find_all (child, type, found);
}

GPtrArray *
pb_test_find_all (GtkWidget *root,
                  GType      type)
{
  GPtrArray *found = g_ptr_array_new ();

  find_all (root, type, found);

  return found;
}

static gboolean
label_is (GtkWidget     *widget,
          gconstpointer  text)
{
  return g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0;
}

static gboolean
label_contains (GtkWidget     *widget,
                gconstpointer  text)
{
  const char *label = gtk_label_get_text (GTK_LABEL (widget));

  return label != NULL && strstr (label, text) != NULL;
}

static gboolean
button_is (GtkWidget     *widget,
           gconstpointer  label)
{
  return g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0;
}

GtkWidget *
pb_test_find_label (GtkWidget  *root,
                    const char *text)
{
  return pb_test_find_widget (root, GTK_TYPE_LABEL, label_is, text);
}

GtkWidget *
pb_test_find_button (GtkWidget  *root,
                     const char *label)
{
  return pb_test_find_widget (root, GTK_TYPE_BUTTON, button_is, label);
}

char *
pb_test_accessible_label (GtkWidget *widget)
{
  /* GTK 4.8 has no getter: the test API says the value it holds when it is not the one asked
   * for. */
  if (!gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL))
    return NULL;

  return gtk_test_accessible_check_property (GTK_ACCESSIBLE (widget),
                                             GTK_ACCESSIBLE_PROPERTY_LABEL,
                                             "\x01 no control is called this");
}

static gboolean
accessible_label_is (GtkWidget     *widget,
                     gconstpointer  label)
{
  g_autofree char *name = pb_test_accessible_label (widget);

  return g_strcmp0 (name, label) == 0;
}

GtkWidget *
pb_test_find_accessible (GtkWidget  *root,
                         GType       type,
                         const char *label)
{
  return pb_test_find_widget (root, type, accessible_label_is, label);
}

static gboolean
tooltip_is (GtkWidget     *widget,
            gconstpointer  tooltip)
{
  return g_strcmp0 (gtk_widget_get_tooltip_text (widget), tooltip) == 0;
}

GtkWidget *
pb_test_find_by_tooltip (GtkWidget  *root,
                         GType       type,
                         const char *tooltip)
{
  return pb_test_find_widget (root, type, tooltip_is, tooltip);
}

void
pb_test_press_shortcut (GtkWidget       *widget,
                        guint            keyval,
                        GdkModifierType  modifiers)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;

      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);

          if (GTK_IS_KEYVAL_TRIGGER (trigger) &&
              gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)) == keyval &&
              gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)) == modifiers)
            {
              gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut),
                                            GTK_SHORTCUT_ACTION_EXCLUSIVE, widget,
                                            gtk_shortcut_get_arguments (shortcut));
              return;
            }
        }
    }

  g_error ("No shortcut for %s on %s", gdk_keyval_name (keyval), G_OBJECT_TYPE_NAME (widget));
}

gboolean
pb_test_tab_reaches (GtkWindow *window,
                     GtkWidget *target)
{
  GtkWidget *first = NULL;

  gtk_window_set_focus (window, NULL);
  for (guint steps = 0; steps < 500; steps++)
    {
      GtkWidget *focus;

      if (!gtk_widget_child_focus (GTK_WIDGET (window), GTK_DIR_TAB_FORWARD))
        return FALSE;
      focus = gtk_window_get_focus (window);
      if (focus == target)
        return TRUE;
      if (focus == first)
        return FALSE;
      if (first == NULL)
        first = focus;
    }

  return FALSE;
}

gboolean
pb_test_shows_text (GtkWidget  *root,
                    const char *text,
                    gboolean    exact)
{
  return pb_test_find_widget (root, GTK_TYPE_LABEL, exact ? label_is : label_contains,
                              text) != NULL;
}

static gboolean
holds_text (GtkWidget     *widget,
            gconstpointer  text)
{
  const char *tooltip = gtk_widget_get_tooltip_text (widget);

  if (tooltip != NULL && strstr (tooltip, text) != NULL)
    return TRUE;
  if (GTK_IS_LABEL (widget))
    return strstr (gtk_label_get_text (GTK_LABEL (widget)), text) != NULL;
  if (GTK_IS_EDITABLE (widget))
    return strstr (gtk_editable_get_text (GTK_EDITABLE (widget)), text) != NULL;
  if (GTK_IS_TEXT_VIEW (widget))
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (widget));
      GtkTextIter start, end;
      g_autofree char *contents = NULL;

      gtk_text_buffer_get_bounds (buffer, &start, &end);
      contents = gtk_text_buffer_get_text (buffer, &start, &end, TRUE);
      return strstr (contents, text) != NULL;
    }

  return FALSE;
}

GtkWidget *
pb_test_find_holding (GtkWidget  *root,
                      const char *text)
{
  return find_any (root, holds_text, text);
}

typedef struct
{
  GtkWidget  *root;
  const char *text;
} LabelWait;

static gboolean
label_shown (gpointer data)
{
  LabelWait *wait = data;

  return pb_test_find_label (wait->root, wait->text) != NULL;
}

void
pb_test_wait_for_label (GtkWidget  *root,
                        const char *text)
{
  LabelWait wait = { root, text };
  g_autofree char *what = g_strdup_printf ("“%s” to show", text);

  pb_test_wait_until (label_shown, &wait, what);
}

void
pb_test_click (GtkWidget *button)
{
  g_assert_true (GTK_IS_BUTTON (button));
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
}

void
pb_test_click_label (GtkWidget  *root,
                     const char *label)
{
  GtkWidget *button = pb_test_find_button (root, label);

  if (button == NULL)
    g_error ("No button “%s” on screen", label);
  pb_test_click (button);
}

static gboolean
window_is_idle (gpointer data)
{
  return !pb_window_get_loading (data);
}

void
pb_test_wait_until_idle (PbWindow *window,
                         guint     frames_ms)
{
  gint64 deadline;

  /* One turn at least, so that a load just started gets going. */
  g_main_context_iteration (NULL, FALSE);
  pb_test_wait_until (window_is_idle, window, "the window to finish loading");
  while (g_main_context_iteration (NULL, FALSE))
    ;

  deadline = g_get_monotonic_time () + (gint64) frames_ms * 1000;
  while (g_get_monotonic_time () < deadline)
    {
      g_usleep (2000);
      while (g_main_context_iteration (NULL, FALSE))
        ;
    }
  g_assert_false (pb_window_get_loading (window));
}

static gboolean
leaflet_settled (gpointer data)
{
  if (adw_leaflet_get_child_transition_running (data))
    return FALSE;

  for (GtkWidget *stack = gtk_widget_get_ancestor (data, GTK_TYPE_STACK); stack != NULL;
       stack = gtk_widget_get_ancestor (gtk_widget_get_parent (stack), GTK_TYPE_STACK))
    if (gtk_stack_get_transition_running (GTK_STACK (stack)))
      return FALSE;

  return TRUE;
}

void
pb_test_wait_for_leaflet (gpointer leaflet)
{
  g_assert_true (ADW_IS_LEAFLET (leaflet));
  pb_test_wait_until (leaflet_settled, leaflet, "the window's transitions to end");
}

#if ADW_CHECK_VERSION (1, 5, 0)
G_GNUC_BEGIN_IGNORE_DEPRECATIONS

GtkWidget *
pb_test_find_alert (GtkWidget *window)
{
  return pb_test_find_by_type (window, ADW_TYPE_ALERT_DIALOG);
}

const char *
pb_test_alert_get_heading (GtkWidget *alert)
{
  return adw_alert_dialog_get_heading (ADW_ALERT_DIALOG (alert));
}

gboolean
pb_test_alert_has_response (GtkWidget  *alert,
                            const char *response)
{
  return adw_alert_dialog_has_response (ADW_ALERT_DIALOG (alert), response);
}

static gboolean
alert_gone (gpointer data)
{
  return gtk_widget_get_parent (GTK_WIDGET (data)) == NULL;
}

void
pb_test_answer_alert (GtkWidget  *alert,
                      const char *response)
{
  g_autoptr(GtkWidget) kept = g_object_ref (alert);

  g_signal_emit_by_name (alert, "response", response);
  adw_dialog_force_close (ADW_DIALOG (alert));
  /* A dialog leaves its window once its closing animation ends: until then a search for the
   * next question would find this one again. */
  pb_test_wait_until (alert_gone, kept, "the question to close");
}

G_GNUC_END_IGNORE_DEPRECATIONS
#else
GtkWidget *
pb_test_find_alert (GtkWidget *window)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (toplevel) && gtk_widget_get_visible (GTK_WIDGET (toplevel)) &&
          gtk_window_get_transient_for (GTK_WINDOW (toplevel)) == GTK_WINDOW (window))
        return GTK_WIDGET (toplevel);
    }

  return NULL;
}

const char *
pb_test_alert_get_heading (GtkWidget *alert)
{
  return adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (alert));
}

gboolean
pb_test_alert_has_response (GtkWidget  *alert,
                            const char *response)
{
  return adw_message_dialog_has_response (ADW_MESSAGE_DIALOG (alert), response);
}

void
pb_test_answer_alert (GtkWidget  *alert,
                      const char *response)
{
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (alert), response);
  gtk_window_close (GTK_WINDOW (alert));
}
#endif

/* A menu item of the window's menus, as its popover shows it (a GtkModelButton). */
static GtkWidget *
find_menu_item (GtkWidget  *widget,
                const char *text)
{
  if (g_str_equal (G_OBJECT_TYPE_NAME (widget), "GtkModelButton"))
    {
      g_autofree char *item_text = NULL;

      g_object_get (widget, "text", &item_text, NULL);
      if (g_strcmp0 (item_text, text) == 0)
        return widget;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_menu_item (child, text);

      if (found != NULL)
        return found;
    }

  return NULL;
}

GtkWidget *
pb_test_find_menu_item (PbWindow   *window,
                      const char *text)
{
  GPtrArray *buttons = pb_test_find_all (GTK_WIDGET (window), GTK_TYPE_MENU_BUTTON);
  GtkWidget *found = NULL;

  for (guint i = 0; i < buttons->len && found == NULL; i++)
    {
      GtkMenuButton *button = g_ptr_array_index (buttons, i);

      if (!gtk_widget_get_mapped (GTK_WIDGET (button)))
        continue;
      gtk_menu_button_popup (button);
      pb_test_spin (50);
      found = find_menu_item (GTK_WIDGET (button), text);
      gtk_menu_button_popdown (button);
      pb_test_spin (50);
    }
  g_ptr_array_unref (buttons);

  return found;
}

char *
pb_test_text_view_text (GtkWidget *root)
{
  GtkWidget *view = pb_test_find_widget (root, GTK_TYPE_TEXT_VIEW, NULL, NULL);
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  g_assert_nonnull (view);
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  gtk_text_buffer_get_bounds (buffer, &start, &end);

  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}
