/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pb-connection-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "pb-connection-editor-private.h"
#include "pb-format.h"

/* The fields of the edit form: a control for each field of the draft (an entry row, a choice,
 * a switch, a monospace text), what the user does with it going into the draft, and the rows
 * that say a field's problems under it. */

typedef enum
{
  KIND_ENTRY,
  KIND_URL,
  KIND_NUMBER,
  KIND_PASSWORD,
  KIND_TEXT,
  KIND_SWITCH,
  KIND_CHOICE,
} FieldKind;

#define GROUP(name) G_STRUCT_OFFSET (PbConnectionEditor, name)

/* The fields, in the order of the form. */
static const struct
{
  PbDraftField  field;
  FieldKind     kind;
  const char   *title;
  glong         group;
} field_specs[] = {
  { PB_DRAFT_NAME, KIND_ENTRY, N_("Name"), GROUP (general_group) },
  { PB_DRAFT_DESCRIPTION, KIND_ENTRY, N_("Description"), GROUP (general_group) },
  { PB_DRAFT_SYSTEM_TYPE, KIND_CHOICE, N_("System Type"), GROUP (general_group) },
  { PB_DRAFT_ICON, KIND_ENTRY, N_("Icon"), GROUP (general_group) },
  { PB_DRAFT_AUTH_TYPE, KIND_CHOICE, N_("Authentication Type"), GROUP (auth_group) },
  { PB_DRAFT_AUTH_CLIENT_ID, KIND_ENTRY, N_("Client ID"), GROUP (auth_group) },
  { PB_DRAFT_AUTH_ACCESS_TOKEN_URL, KIND_URL, N_("Token URL"), GROUP (auth_group) },
  { PB_DRAFT_AUTH_USE_MUTUAL_TLS, KIND_SWITCH, N_("Mutual TLS"), GROUP (auth_group) },
  { PB_DRAFT_AUTH_CLIENT_SECRET, KIND_PASSWORD, N_("Client Secret"), GROUP (auth_group) },
  { PB_DRAFT_REQUEST_TYPE, KIND_CHOICE, N_("Method"), GROUP (request_group) },
  { PB_DRAFT_CONNECTION_URL, KIND_URL, N_("URL"), GROUP (request_group) },
  { PB_DRAFT_REQUEST_BODY, KIND_TEXT, N_("Body"), GROUP (request_group) },
  { PB_DRAFT_URL_PARAMETERS, KIND_TEXT, N_("URL Parameters (JSON)"), GROUP (request_group) },
  { PB_DRAFT_CONNECTION_TIMEOUT, KIND_NUMBER, N_("Connection Timeout"), GROUP (timeouts_group) },
  { PB_DRAFT_SOCKET_TIMEOUT, KIND_NUMBER, N_("Read Timeout"), GROUP (timeouts_group) },
  { PB_DRAFT_EXAMPLE_VALUE, KIND_TEXT, N_("Example Value"), GROUP (example_group) },
};

/* The values a choice offers; one received that is none of them is offered as it is. */
static const char * const system_values[] = { "DATA_SYSTEM", "DESTINATION", NULL };
static const char * const auth_values[] = { "NONE", "OAUTH", NULL };
static const char * const method_values[] = { "GET", "POST", "PUT", NULL };

static const char * const *
choice_values (PbDraftField field)
{
  switch ((int) field)
    {
    case PB_DRAFT_SYSTEM_TYPE:
      return system_values;
    case PB_DRAFT_AUTH_TYPE:
      return auth_values;
    default:
      return method_values;
    }
}

static const char *
choice_label (PbDraftField  field,
              const char   *value)
{
  if (field == PB_DRAFT_SYSTEM_TYPE)
    return pb_format_system_type (value);
  if (field == PB_DRAFT_AUTH_TYPE)
    return pb_format_auth_type (value);

  return value;
}

static gboolean
is_oauth_field (PbDraftField field)
{
  return field >= PB_DRAFT_AUTH_CLIENT_ID && field <= PB_DRAFT_AUTH_CLIENT_SECRET;
}

/* Problems. Their rows, like every row of the form, are preferences rows: a group puts
 * only those in its list, right under the row before. */

struct _PbEditorCaption
{
  AdwPreferencesRow parent_instance;
};

G_DEFINE_FINAL_TYPE (PbEditorCaption, pb_editor_caption, ADW_TYPE_PREFERENCES_ROW)

/* A list box gives up on the keyboard at the first row after the focused one that takes none,
 * and the focus left the whole list: the rows under a sentence were skipped. A sentence passes
 * the focus on to the row beyond it, as if it were not there. */
static gboolean
pb_editor_caption_focus (GtkWidget        *widget,
                         GtkDirectionType  direction)
{
  gboolean forward = direction == GTK_DIR_TAB_FORWARD || direction == GTK_DIR_DOWN;
  GtkWidget *next = widget;

  if (direction != GTK_DIR_TAB_FORWARD && direction != GTK_DIR_TAB_BACKWARD &&
      direction != GTK_DIR_UP && direction != GTK_DIR_DOWN)
    return FALSE;

  while ((next = forward ? gtk_widget_get_next_sibling (next)
                         : gtk_widget_get_prev_sibling (next)) != NULL)
    if (GTK_IS_LIST_BOX_ROW (next) && gtk_widget_get_visible (next))
      return gtk_widget_child_focus (next, direction);

  return FALSE;
}

static void
pb_editor_caption_class_init (PbEditorCaptionClass *klass)
{
  GTK_WIDGET_CLASS (klass)->focus = pb_editor_caption_focus;
}

static void
pb_editor_caption_init (PbEditorCaption *self)
{
}

GtkWidget *
_pb_editor_problem_row_new (void)
{
  GtkWidget *row = g_object_new (PB_TYPE_EDITOR_CAPTION, NULL);
  GtkWidget *label = gtk_label_new (NULL);

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_list_box_row_set_selectable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_focusable (row, FALSE);
  gtk_widget_set_visible (row, FALSE);
  gtk_widget_add_css_class (row, "pb-problem");

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (label, "caption");
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), label);

  return row;
}

void
_pb_editor_problem_row_set (GtkWidget           *problem,
                            PbDraftProblemLevel  level,
                            const char          *message)
{
  GtkWidget *label = gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (problem));
  gboolean shown = message != NULL && *message != '\0';

  gtk_label_set_text (GTK_LABEL (label), shown ? message : "");
  if (shown && level == PB_DRAFT_PROBLEM_ERROR)
    {
      gtk_widget_add_css_class (label, "error");
      gtk_widget_remove_css_class (label, "warning");
    }
  else
    {
      gtk_widget_remove_css_class (label, "error");
      gtk_widget_add_css_class (label, "warning");
    }
  gtk_widget_set_visible (problem, shown);
}

void
_pb_editor_mark_control (GtkWidget  *control,
                         gboolean    has_error,
                         gboolean    has_warning,
                         const char *description,
                         GtkWidget  *caption)
{
  const char *note = g_object_get_data (G_OBJECT (control), "pb-note");
  GtkWidget *note_label = g_object_get_data (G_OBJECT (control), "pb-note-label");
  GtkWidget *problem_label = NULL;
  g_autofree char *said = NULL;
  GtkWidget *delegate = NULL;

  if (has_error)
    gtk_widget_add_css_class (control, "error");
  else
    gtk_widget_remove_css_class (control, "error");
  if (has_warning && !has_error)
    gtk_widget_add_css_class (control, "warning");
  else
    gtk_widget_remove_css_class (control, "warning");

  /* A screen reader says the problem (and the field's note) with the field. */
  if (description != NULL && note != NULL)
    said = g_strdup_printf ("%s %s", description, note);
  else
    said = g_strdup (description != NULL ? description : note);
  if (description != NULL && caption != NULL)
    problem_label = gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (caption));

  if (GTK_IS_EDITABLE (control))
    delegate = GTK_WIDGET (gtk_editable_get_delegate (GTK_EDITABLE (control)));
  for (GtkWidget *w = control; w != NULL; w = (w == delegate ? NULL : delegate))
    {
      if (said != NULL)
        gtk_accessible_update_property (GTK_ACCESSIBLE (w),
                                        GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, said,
                                        -1);
      else
        gtk_accessible_reset_property (GTK_ACCESSIBLE (w), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);

      /* What is wrong is a state of the field, and the sentences that say why its own. */
      gtk_accessible_update_state (GTK_ACCESSIBLE (w),
                                   GTK_ACCESSIBLE_STATE_INVALID,
                                   has_error ? GTK_ACCESSIBLE_INVALID_TRUE
                                             : GTK_ACCESSIBLE_INVALID_FALSE,
                                   -1);
      /* A list of references ends with NULL. */
      if (problem_label != NULL && note_label != NULL)
        gtk_accessible_update_relation (GTK_ACCESSIBLE (w),
                                        GTK_ACCESSIBLE_RELATION_DESCRIBED_BY,
                                        problem_label, note_label, NULL,
                                        -1);
      else if (problem_label != NULL || note_label != NULL)
        gtk_accessible_update_relation (GTK_ACCESSIBLE (w),
                                        GTK_ACCESSIBLE_RELATION_DESCRIBED_BY,
                                        problem_label != NULL ? problem_label : note_label, NULL,
                                        -1);
      else
        gtk_accessible_reset_relation (GTK_ACCESSIBLE (w), GTK_ACCESSIBLE_RELATION_DESCRIBED_BY);
    }
}

void
_pb_connection_editor_update_visibility (PbConnectionEditor *self)
{
  const char *auth = pb_connection_draft_get_text (self->draft, PB_DRAFT_AUTH_TYPE);
  gboolean oauth = g_ascii_strcasecmp (auth, "OAUTH") == 0;

  for (guint i = 0; i < PB_DRAFT_N_FIELDS; i++)
    if (self->fields[i].row != NULL && is_oauth_field (i))
      gtk_widget_set_visible (self->fields[i].row, oauth);
  gtk_widget_set_visible (self->secret_note, oauth);
  gtk_widget_set_visible (GTK_WIDGET (self->oauth_headers_group), oauth);
  gtk_widget_set_visible (GTK_WIDGET (self->form_items_group), oauth);
}

/* The controls: what the user does goes into the draft. */

static PbDraftField
control_field (gpointer control)
{
  return GPOINTER_TO_INT (g_object_get_data (G_OBJECT (control), "pb-field")) - 1;
}

static void
entry_changed_cb (GtkEditable        *editable,
                  PbConnectionEditor *self)
{
  if (!self->loading)
    pb_connection_draft_set_text (self->draft, control_field (editable),
                                  gtk_editable_get_text (editable));
}

static void
buffer_changed_cb (GtkTextBuffer      *buffer,
                   PbConnectionEditor *self)
{
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  if (self->loading)
    return;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  pb_connection_draft_set_text (self->draft, control_field (buffer), text);
}

static void
switch_changed_cb (GtkSwitch          *button,
                   GParamSpec         *pspec,
                   PbConnectionEditor *self)
{
  if (!self->loading)
    pb_connection_draft_set_text (self->draft, control_field (button),
                                  gtk_switch_get_active (button) ? "true" : "false");
}

static void
choice_changed_cb (AdwComboRow        *row,
                   GParamSpec         *pspec,
                   PbConnectionEditor *self)
{
  GPtrArray *values = g_object_get_data (G_OBJECT (row), "pb-values");
  guint selected = adw_combo_row_get_selected (row);

  if (!self->loading && selected < values->len)
    pb_connection_draft_set_text (self->draft, control_field (row),
                                  g_ptr_array_index (values, selected));
}

static void
field_left_cb (GtkEventControllerFocus *focus,
               PbConnectionEditor      *self)
{
  _pb_connection_editor_touch (self, control_field (focus));
}

/* Puts the draft's value of a field into its control. */
static void
pb_connection_editor_load_field (PbConnectionEditor *self,
                                 guint               i)
{
  PbEditorField *field = &self->fields[field_specs[i].field];
  const char *text = pb_connection_draft_get_text (self->draft, field_specs[i].field);

  switch (field_specs[i].kind)
    {
    case KIND_ENTRY:
    case KIND_URL:
    case KIND_NUMBER:
    case KIND_PASSWORD:
      gtk_editable_set_text (GTK_EDITABLE (field->control), text);
      break;

    case KIND_TEXT:
      gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (field->control)),
                                text, -1);
      break;

    case KIND_SWITCH:
      gtk_switch_set_active (GTK_SWITCH (field->control), g_str_equal (text, "true"));
      break;

    case KIND_CHOICE:
      {
        GPtrArray *values = g_object_get_data (G_OBJECT (field->control), "pb-values");
        GtkStringList *labels = GTK_STRING_LIST (adw_combo_row_get_model (ADW_COMBO_ROW (field->control)));
        guint found = values->len;

        for (guint j = 0; j < values->len; j++)
          if (g_str_equal (g_ptr_array_index (values, j), text))
            found = j;
        if (found == values->len)
          {
            /* A value of the server's that Plugboard does not know stays choosable. */
            g_ptr_array_add (values, g_strdup (text));
            gtk_string_list_append (labels, choice_label (field_specs[i].field, text));
          }
        adw_combo_row_set_selected (ADW_COMBO_ROW (field->control), found);
      }
      break;

    default:
      g_assert_not_reached ();
    }
}

/* A field of long text: its title over a monospace text view that grows with its text. */
static GtkWidget *
text_row_new (const char  *title,
              int          min_height,
              GtkWidget  **view)
{
  GtkWidget *row = adw_preferences_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *label = gtk_label_new (title);
  GtkWidget *scroller = gtk_scrolled_window_new ();

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_list_box_row_set_selectable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_focusable (row, FALSE);
  gtk_widget_add_css_class (row, "pb-text-row");
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_add_css_class (label, "dim-label");
  gtk_box_append (GTK_BOX (box), label);

  *view = gtk_text_view_new ();
  gtk_text_view_set_monospace (GTK_TEXT_VIEW (*view), TRUE);
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (*view), GTK_WRAP_WORD_CHAR);
  /* Tab goes on to the next field, as everywhere in the form. */
  gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (*view), FALSE);
  gtk_widget_add_css_class (*view, "pb-editor-text");
  gtk_accessible_update_property (GTK_ACCESSIBLE (*view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  GTK_ACCESSIBLE_PROPERTY_MULTI_LINE, TRUE,
                                  -1);

  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scroller), min_height);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller),
                                              MAX (min_height, 360));
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_has_frame (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), *view);
  gtk_box_append (GTK_BOX (box), scroller);

  return row;
}

/* A note under the card of a field, its last row (what the client secret is). */
static GtkWidget *
note_label_new (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_widget_set_margin_top (label, 6);
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_add_css_class (label, "dim-label");

  return label;
}

static GtkWidget *
choice_row_new (PbConnectionEditor *self,
                PbDraftField        field,
                const char         *title)
{
  const char * const *values = choice_values (field);
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  GPtrArray *kept = g_ptr_array_new_with_free_func (g_free);
  GtkWidget *row = adw_combo_row_new ();

  for (guint i = 0; values[i] != NULL; i++)
    {
      g_ptr_array_add (kept, g_strdup (values[i]));
      gtk_string_list_append (labels, choice_label (field, values[i]));
    }
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (labels));
  g_object_set_data_full (G_OBJECT (row), "pb-values", kept, (GDestroyNotify) g_ptr_array_unref);
  g_signal_connect (row, "notify::selected", G_CALLBACK (choice_changed_cb), self);

  return row;
}

/* The control of one field, added to its group with the row for its problems. */
static void
pb_connection_editor_add_field (PbConnectionEditor *self,
                                guint               i)
{
  PbDraftField id = field_specs[i].field;
  PbEditorField *field = &self->fields[id];
  AdwPreferencesGroup *group = G_STRUCT_MEMBER (AdwPreferencesGroup *, self,
                                                field_specs[i].group);
  const char *title = _(field_specs[i].title);
  GtkEventController *focus;

  switch (field_specs[i].kind)
    {
    case KIND_ENTRY:
    case KIND_URL:
    case KIND_NUMBER:
      field->row = field->control = adw_entry_row_new ();
      if (field_specs[i].kind == KIND_URL)
        adw_entry_row_set_input_purpose (ADW_ENTRY_ROW (field->row), GTK_INPUT_PURPOSE_URL);
      else if (field_specs[i].kind == KIND_NUMBER)
        adw_entry_row_set_input_purpose (ADW_ENTRY_ROW (field->row), GTK_INPUT_PURPOSE_DIGITS);
      g_signal_connect (field->row, "changed", G_CALLBACK (entry_changed_cb), self);
      break;

    case KIND_PASSWORD:
      field->row = field->control = adw_password_entry_row_new ();
      g_signal_connect (field->row, "changed", G_CALLBACK (entry_changed_cb), self);
      break;

    case KIND_TEXT:
      /* The URL parameters are an empty array in every known example. */
      field->row = text_row_new (title, id == PB_DRAFT_URL_PARAMETERS ? 48 : 180,
                                 &field->control);
      g_object_set_data (G_OBJECT (gtk_text_view_get_buffer (GTK_TEXT_VIEW (field->control))),
                         "pb-field", GINT_TO_POINTER (id + 1));
      g_signal_connect (gtk_text_view_get_buffer (GTK_TEXT_VIEW (field->control)), "changed",
                        G_CALLBACK (buffer_changed_cb), self);
      break;

    case KIND_SWITCH:
      field->row = adw_action_row_new ();
      field->control = gtk_switch_new ();
      gtk_widget_set_valign (field->control, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (field->control),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                      -1);
      adw_action_row_add_suffix (ADW_ACTION_ROW (field->row), field->control);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (field->row), field->control);
      /* One Tab stop, the switch (which says its state); a click on the row still flips it. */
      gtk_widget_set_focusable (field->row, FALSE);
      g_signal_connect (field->control, "notify::active", G_CALLBACK (switch_changed_cb), self);
      break;

    case KIND_CHOICE:
      field->row = field->control = choice_row_new (self, id, title);
      break;

    default:
      g_assert_not_reached ();
    }

  g_object_set_data (G_OBJECT (field->control), "pb-field", GINT_TO_POINTER (id + 1));
  if (ADW_IS_PREFERENCES_ROW (field->row))
    {
      /* Names as received: no markup. */
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (field->row), title);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (field->row), FALSE);
    }
  adw_preferences_group_add (group, field->row);

  if (id == PB_DRAFT_SYSTEM_TYPE && self->mode == PB_EDITOR_MODE_EDIT)
    {
      /* The system type of a connection that exists is the server's: shown, not chosen. */
      const char *text = pb_connection_draft_get_text (self->draft, id);

      gtk_widget_set_visible (field->row, FALSE);
      self->system_value_row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->system_value_row), title);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->system_value_row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (self->system_value_row),
                                   choice_label (id, text));
      gtk_widget_set_tooltip_text (self->system_value_row,
                                   _("The system type of a saved connection cannot change"));
      adw_preferences_group_add (group, self->system_value_row);
      field->row = self->system_value_row;
    }

  field->problem = _pb_editor_problem_row_new ();
  adw_preferences_group_add (group, field->problem);

  if (id == PB_DRAFT_AUTH_CLIENT_SECRET)
    {
      const char *note = self->mode == PB_EDITOR_MODE_EDIT
                         ? _("Never shown by Sitecore: type one only to change it.")
                         : _("Never shown by Sitecore once saved.");

      /* Not a row of the card: what is not a row goes under the list, as a caption of its
       * last row (the secret is the last). */
      self->secret_note = note_label_new (note);
      g_object_set_data_full (G_OBJECT (field->control), "pb-note", g_strdup (note), g_free);
      g_object_set_data (G_OBJECT (field->control), "pb-note-label", self->secret_note);
      adw_preferences_group_add (group, self->secret_note);
    }

  /* A new form shows the problems of a field once the user left it. */
  focus = gtk_event_controller_focus_new ();
  g_object_set_data (G_OBJECT (focus), "pb-field", GINT_TO_POINTER (id + 1));
  g_signal_connect (focus, "leave", G_CALLBACK (field_left_cb), self);
  gtk_widget_add_controller (field->control, focus);
}


void
_pb_connection_editor_init_fields (PbConnectionEditor *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (field_specs); i++)
    pb_connection_editor_add_field (self, i);
  for (guint i = 0; i < G_N_ELEMENTS (field_specs); i++)
    pb_connection_editor_load_field (self, i);
}
