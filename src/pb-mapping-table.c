/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pb-mapping-table"

#include "config.h"

#include "pb-format.h"
#include "pb-mapping.h"
#include "pb-mapping-table.h"
#include "pb-page-property.h"

/* Labels lay out their whole text: what a cell shows is kept to a size people can read. */
#define MAX_CELL_CHARS 200
#define MAX_TOOLTIP_CHARS 1000

struct _PbMappingTable
{
  GtkWidget            parent_instance;

  GListModel          *model;
  gulong               items_changed_id;
  PbMappingKind        kind;
  char                *title;

  GtkLabel            *empty_label;
  GtkWidget           *scroller;
  GtkColumnView       *view;
  GtkListBox          *stacked_list;
  gboolean             stacked;

  /* The columns of the table's kind, and the property of a mapping each shows. */
  GtkColumnViewColumn *columns[5];
  const char          *fields[5];
  guint                n_columns;

  GtkColumnViewColumn *input_label_column;
  GtkColumnViewColumn *input_key_column;
  GtkColumnViewColumn *input_type_column;
  GtkColumnViewColumn *input_example_value_column;
  GtkColumnViewColumn *input_mapping_column;
  GtkColumnViewColumn *output_label_column;
  GtkColumnViewColumn *output_reference_column;
  GtkColumnViewColumn *output_type_column;
};

G_DEFINE_FINAL_TYPE (PbMappingTable, pb_mapping_table, GTK_TYPE_WIDGET)

G_DEFINE_ENUM_TYPE (PbMappingKind, pb_mapping_kind,
                    G_DEFINE_ENUM_VALUE (PB_MAPPING_KIND_INPUT, "input"),
                    G_DEFINE_ENUM_VALUE (PB_MAPPING_KIND_OUTPUT, "output"))

enum {
  PROP_0,
  PROP_KIND,
  PROP_MODEL,
  PROP_EMPTY_TEXT,
  PROP_TITLE,
  PROP_STACKED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
is_empty (const char *text)
{
  return text == NULL || text[0] == '\0';
}

/* Cells (closures of the cell template) */

static char *
cell_text (GtkListItem *list_item,
           const char  *value)
{
  if (is_empty (value))
    return g_strdup (pb_format_not_set ());

  return pb_format_for_display (value, MAX_CELL_CHARS);
}

static char *
cell_tooltip (GtkListItem *list_item,
              const char  *value)
{
  return is_empty (value) ? NULL : pb_format_for_display (value, MAX_TOOLTIP_CHARS);
}

static GStrv
cell_css_classes (GtkListItem *list_item,
                  const char  *value)
{
  g_autoptr(GStrvBuilder) classes = g_strv_builder_new ();

  if (is_empty (value))
    g_strv_builder_add (classes, "dim-label");

  return g_strv_builder_end (classes);
}

/* Stacked rows, for a width where the columns do not fit */

static GtkWidget *
create_stacked_row (gpointer item,
                    gpointer user_data)
{
  PbMappingTable *self = user_data;
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_add_css_class (box, "pb-stacked-row");
  gtk_widget_set_margin_top (box, 10);
  gtk_widget_set_margin_bottom (box, 10);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);

  for (guint i = 0; i < self->n_columns; i++)
    {
      g_autofree char *value = NULL;
      g_autofree char *text = NULL;
      g_autofree char *tooltip = NULL;
      GtkWidget *title;
      GtkWidget *label;

      g_object_get (item, self->fields[i], &value, NULL);
      text = cell_text (NULL, value);
      tooltip = cell_tooltip (NULL, value);

      title = g_object_new (GTK_TYPE_LABEL,
                            "label", gtk_column_view_column_get_title (self->columns[i]),
                            "xalign", 0.0f,
                            "margin-top", i > 0 ? 6 : 0,
                            NULL);
      gtk_widget_add_css_class (title, "caption");
      gtk_widget_add_css_class (title, "dim-label");
      label = g_object_new (GTK_TYPE_LABEL,
                            "label", text,
                            "tooltip-text", tooltip,
                            "xalign", 0.0f,
                            "wrap", TRUE,
                            "wrap-mode", PANGO_WRAP_WORD_CHAR,
                            "selectable", value != NULL && value[0] != '\0',
                            NULL);
      if (value == NULL || value[0] == '\0')
        gtk_widget_add_css_class (label, "dim-label");
      if (i == 0)
        {
          gtk_widget_add_css_class (label, "heading");
          /* A screen reader names the row after its first field, as the table's row. */
          gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                          text, -1);
        }
      gtk_box_append (GTK_BOX (box), title);
      gtk_box_append (GTK_BOX (box), label);
    }

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  return row;
}

/* Layout: the column view where its natural width fits, else the stacked list. The choice
 * follows the width given; child-visible (not visible) switches, so that allocating does not
 * queue another resize. Works alike with every libadwaita (no breakpoints before 1.4). */

static gboolean
fits_columns (PbMappingTable *self,
              int             width)
{
  int natural = 0;

  gtk_widget_measure (self->scroller, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural, NULL, NULL);
  return width < 0 || width >= natural;
}

static GtkWidget *
shown_child (PbMappingTable *self,
             int             width)
{
  if (gtk_widget_get_visible (GTK_WIDGET (self->empty_label)))
    return GTK_WIDGET (self->empty_label);
  if (!gtk_widget_get_visible (self->scroller))
    return NULL;

  return fits_columns (self, width) ? self->scroller : GTK_WIDGET (self->stacked_list);
}

static GtkSizeRequestMode
table_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
table_measure (GtkWidget      *widget,
               GtkOrientation  orientation,
               int             for_size,
               int            *minimum,
               int            *natural,
               int            *minimum_baseline,
               int            *natural_baseline)
{
  PbMappingTable *self = PB_MAPPING_TABLE (widget);
  GtkWidget *child;

  *minimum = *natural = 0;

  if (orientation == GTK_ORIENTATION_HORIZONTAL && gtk_widget_get_visible (self->scroller))
    {
      int list_minimum = 0;
      int view_natural = 0;

      /* As narrow as the stacked list can be, as wide as the columns would like. */
      gtk_widget_measure (GTK_WIDGET (self->stacked_list), orientation, -1,
                          &list_minimum, NULL, NULL, NULL);
      gtk_widget_measure (self->scroller, orientation, -1, NULL, &view_natural, NULL, NULL);
      *minimum = list_minimum;
      *natural = MAX (list_minimum, view_natural);
      return;
    }

  child = shown_child (self, orientation == GTK_ORIENTATION_VERTICAL ? for_size : -1);
  if (child != NULL)
    gtk_widget_measure (child, orientation, for_size, minimum, natural, NULL, NULL);
}

static void
table_allocate (GtkWidget *widget,
                int        width,
                int        height,
                int        baseline)
{
  PbMappingTable *self = PB_MAPPING_TABLE (widget);
  GtkWidget *child = shown_child (self, width);
  gboolean stacked = child == GTK_WIDGET (self->stacked_list);

  gtk_widget_set_child_visible (self->scroller, child == self->scroller);
  gtk_widget_set_child_visible (GTK_WIDGET (self->stacked_list), stacked);
  if (stacked != self->stacked)
    {
      self->stacked = stacked;
      /* A screen reader reads the rows once: the way not shown is hidden from it too. */
      gtk_accessible_update_state (GTK_ACCESSIBLE (self->scroller),
                                   GTK_ACCESSIBLE_STATE_HIDDEN, stacked, -1);
      gtk_accessible_update_state (GTK_ACCESSIBLE (self->stacked_list),
                                   GTK_ACCESSIBLE_STATE_HIDDEN, !stacked, -1);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STACKED]);
    }

  if (child != NULL)
    gtk_widget_allocate (child, width, height, baseline, NULL);
}

static void
pb_mapping_table_update (PbMappingTable *self)
{
  gboolean has_rows = self->model != NULL && g_list_model_get_n_items (self->model) > 0;

  gtk_widget_set_visible (self->scroller, has_rows);
  gtk_widget_set_visible (GTK_WIDGET (self->stacked_list), has_rows);
  gtk_widget_set_visible (GTK_WIDGET (self->empty_label), !has_rows);
}

static void
on_items_changed (PbMappingTable *self)
{
  g_assert (PB_IS_MAPPING_TABLE (self));

  pb_mapping_table_update (self);
}

/* GObject */

static void
pb_mapping_table_constructed (GObject *object)
{
  PbMappingTable *self = PB_MAPPING_TABLE (object);
  GtkColumnViewColumn *input[] = {
    self->input_label_column, self->input_key_column, self->input_type_column,
    self->input_example_value_column, self->input_mapping_column,
  };
  GtkColumnViewColumn *output[] = {
    self->output_label_column, self->output_reference_column, self->output_type_column,
  };

  static const char * const input_fields[] = {
    "label", "key", "value-type", "example-value", "mapping",
  };
  static const char * const output_fields[] = {
    "label", "output-reference", "value-type",
  };
  gboolean input_kind = self->kind == PB_MAPPING_KIND_INPUT;

  G_OBJECT_CLASS (pb_mapping_table_parent_class)->constructed (object);

  G_STATIC_ASSERT (G_N_ELEMENTS (input) == G_N_ELEMENTS (input_fields));
  G_STATIC_ASSERT (G_N_ELEMENTS (output) == G_N_ELEMENTS (output_fields));

  self->n_columns = input_kind ? G_N_ELEMENTS (input) : G_N_ELEMENTS (output);
  for (guint i = 0; i < self->n_columns; i++)
    {
      self->columns[i] = input_kind ? input[i] : output[i];
      self->fields[i] = input_kind ? input_fields[i] : output_fields[i];
      gtk_column_view_append_column (self->view, self->columns[i]);
    }
}

static void
pb_mapping_table_dispose (GObject *object)
{
  PbMappingTable *self = PB_MAPPING_TABLE (object);
  GtkWidget *child;

  if (self->model != NULL)
    g_clear_signal_handler (&self->items_changed_id, self->model);
  g_clear_object (&self->model);

  gtk_widget_dispose_template (GTK_WIDGET (self), PB_TYPE_MAPPING_TABLE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (pb_mapping_table_parent_class)->dispose (object);
}

static void
pb_mapping_table_finalize (GObject *object)
{
  PbMappingTable *self = PB_MAPPING_TABLE (object);

  g_free (self->title);

  G_OBJECT_CLASS (pb_mapping_table_parent_class)->finalize (object);
}

static void
pb_mapping_table_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  PbMappingTable *self = PB_MAPPING_TABLE (object);

  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;
    case PROP_MODEL:
      g_value_set_object (value, self->model);
      break;
    case PROP_EMPTY_TEXT:
      g_value_set_string (value, gtk_label_get_label (self->empty_label));
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_STACKED:
      g_value_set_boolean (value, self->stacked);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_mapping_table_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  PbMappingTable *self = PB_MAPPING_TABLE (object);

  switch (prop_id)
    {
    case PROP_KIND:
      self->kind = g_value_get_enum (value);
      break;
    case PROP_MODEL:
      pb_mapping_table_set_model (self, g_value_get_object (value));
      break;
    case PROP_EMPTY_TEXT:
      pb_mapping_table_set_empty_text (self, g_value_get_string (value));
      break;
    case PROP_TITLE:
      pb_mapping_table_set_title (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_mapping_table_class_init (PbMappingTableClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = pb_mapping_table_constructed;
  object_class->dispose = pb_mapping_table_dispose;
  object_class->finalize = pb_mapping_table_finalize;
  object_class->get_property = pb_mapping_table_get_property;
  object_class->set_property = pb_mapping_table_set_property;

  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL, PB_TYPE_MAPPING_KIND, PB_MAPPING_KIND_INPUT,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MODEL] =
    g_param_spec_object ("model", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_EMPTY_TEXT] =
    g_param_spec_string ("empty-text", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* Whether the rows show stacked, the window being too narrow for the columns. */
  properties[PROP_STACKED] =
    g_param_spec_boolean ("stacked", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The cell template looks these types up by name. */
  g_type_ensure (PB_TYPE_INPUT_MAPPING);
  g_type_ensure (PB_TYPE_OUTPUT_MAPPING);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/pb-mapping-table.ui");
  gtk_widget_class_bind_template_child (widget_class, PbMappingTable, empty_label);
  gtk_widget_class_bind_template_child (widget_class, PbMappingTable, scroller);
  gtk_widget_class_bind_template_child (widget_class, PbMappingTable, view);
  gtk_widget_class_bind_template_child (widget_class, PbMappingTable, stacked_list);
  gtk_widget_class_bind_template_child (widget_class, PbMappingTable, input_label_column);
  gtk_widget_class_bind_template_child (widget_class, PbMappingTable, input_key_column);
  gtk_widget_class_bind_template_child (widget_class, PbMappingTable, input_type_column);
  gtk_widget_class_bind_template_child (widget_class, PbMappingTable, input_example_value_column);
  gtk_widget_class_bind_template_child (widget_class, PbMappingTable, input_mapping_column);
  gtk_widget_class_bind_template_child (widget_class, PbMappingTable, output_label_column);
  gtk_widget_class_bind_template_child (widget_class, PbMappingTable, output_reference_column);
  gtk_widget_class_bind_template_child (widget_class, PbMappingTable, output_type_column);
  gtk_widget_class_bind_template_callback (widget_class, cell_text);
  gtk_widget_class_bind_template_callback (widget_class, cell_tooltip);
  gtk_widget_class_bind_template_callback (widget_class, cell_css_classes);
}

static void
pb_mapping_table_init (PbMappingTable *self)
{
  gtk_widget_set_layout_manager (GTK_WIDGET (self),
                                 gtk_custom_layout_new (table_request_mode, table_measure,
                                                        table_allocate));
  gtk_widget_init_template (GTK_WIDGET (self));
  /* The columns until a width says otherwise (see table_allocate). */
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->stacked_list),
                               GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
}

GtkWidget *
pb_mapping_table_new (PbMappingKind kind)
{
  return g_object_new (PB_TYPE_MAPPING_TABLE, "kind", kind, NULL);
}

PbMappingKind
pb_mapping_table_get_kind (PbMappingTable *self)
{
  g_return_val_if_fail (PB_IS_MAPPING_TABLE (self), PB_MAPPING_KIND_INPUT);

  return self->kind;
}

GListModel *
pb_mapping_table_get_model (PbMappingTable *self)
{
  g_return_val_if_fail (PB_IS_MAPPING_TABLE (self), NULL);

  return self->model;
}

void
pb_mapping_table_set_model (PbMappingTable *self,
                            GListModel     *model)
{
  g_autoptr(GtkNoSelection) selection = NULL;

  g_return_if_fail (PB_IS_MAPPING_TABLE (self));
  g_return_if_fail (model == NULL || G_IS_LIST_MODEL (model));

  if (self->model == model)
    return;

  if (self->model != NULL)
    g_clear_signal_handler (&self->items_changed_id, self->model);
  g_set_object (&self->model, model);
  if (model != NULL)
    {
      self->items_changed_id = g_signal_connect_object (model, "items-changed",
                                                        G_CALLBACK (on_items_changed), self,
                                                        G_CONNECT_SWAPPED);
      selection = gtk_no_selection_new (g_object_ref (model));
    }

  gtk_column_view_set_model (self->view, GTK_SELECTION_MODEL (selection));
  gtk_list_box_bind_model (self->stacked_list, model, create_stacked_row, self, NULL);
  pb_mapping_table_update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODEL]);
}

void
pb_mapping_table_set_empty_text (PbMappingTable *self,
                                 const char     *empty_text)
{
  g_return_if_fail (PB_IS_MAPPING_TABLE (self));

  if (g_strcmp0 (gtk_label_get_label (self->empty_label), empty_text) == 0)
    return;

  gtk_label_set_label (self->empty_label, empty_text);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EMPTY_TEXT]);
}

gboolean
pb_mapping_table_get_stacked (PbMappingTable *self)
{
  g_return_val_if_fail (PB_IS_MAPPING_TABLE (self), FALSE);

  return self->stacked;
}

void
pb_mapping_table_set_title (PbMappingTable *self,
                            const char     *title)
{
  g_return_if_fail (PB_IS_MAPPING_TABLE (self));

  if (g_strcmp0 (self->title, title) == 0)
    return;

  g_free (self->title);
  self->title = g_strdup (title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title ? title : "",
                                  -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->stacked_list),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title ? title : "",
                                  -1);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}
