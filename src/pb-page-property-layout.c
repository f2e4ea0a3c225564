/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pb-page-property"

#include "config.h"

#include "pb-page-property-private.h"

/* How the parts of a page row are laid out. */

/* Rows of a list get their minimum height: the code block asks for its natural height (at
 * most that of its scrolled window) as its minimum. */
static GtkSizeRequestMode
code_block_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
code_block_measure (GtkWidget      *widget,
                    GtkOrientation  orientation,
                    int             for_size,
                    int            *minimum,
                    int            *natural,
                    int            *minimum_baseline,
                    int            *natural_baseline)
{
  GtkWidget *child = gtk_widget_get_first_child (widget);
  int child_minimum = 0;
  int child_natural = 0;

  if (child != NULL && gtk_widget_should_layout (child))
    gtk_widget_measure (child, orientation, for_size, &child_minimum, &child_natural, NULL, NULL);

  *minimum = orientation == GTK_ORIENTATION_VERTICAL ? child_natural : child_minimum;
  *natural = child_natural;
}

/* How many frames a widened block keeps asking its text view for its height. The view lays its
 * lines out again in the background (at a priority below drawing), so the height it tells can
 * change for a few frames after the width did. */
#define REMEASURE_FRAMES 60

static gboolean
code_block_remeasure (GtkWidget     *widget,
                      GdkFrameClock *frame_clock,
                      gpointer       user_data)
{
  GtkWidget *child = gtk_widget_get_first_child (widget);
  guint frames = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (widget), "pb-remeasure-frames"));
  int natural = 0;

  if (child != NULL && gtk_widget_should_layout (child))
    gtk_widget_measure (child, GTK_ORIENTATION_VERTICAL, gtk_widget_get_width (widget),
                        NULL, &natural, NULL, NULL);
  if (natural != gtk_widget_get_height (widget))
    gtk_widget_queue_resize (widget);

  g_object_set_data (G_OBJECT (widget), "pb-remeasure-frames", GUINT_TO_POINTER (frames + 1));
  if (frames + 1 < REMEASURE_FRAMES)
    return G_SOURCE_CONTINUE;

  g_object_set_data (G_OBJECT (widget), "pb-remeasure-tick", NULL);
  return G_SOURCE_REMOVE;
}

static void
code_block_allocate (GtkWidget *widget,
                     int        width,
                     int        height,
                     int        baseline)
{
  GtkWidget *child = gtk_widget_get_first_child (widget);
  int last_width = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (widget), "pb-last-width"));

  if (child != NULL && gtk_widget_should_layout (child))
    gtk_widget_allocate (child, width, height, baseline, NULL);

  /* A text view tells its height for the width it was last laid out at: once it has its new
   * width, ask again, or a block widened keeps the height of its narrow lines. */
  if (width != last_width)
    {
      g_object_set_data (G_OBJECT (widget), "pb-last-width", GINT_TO_POINTER (width));
      g_object_set_data (G_OBJECT (widget), "pb-remeasure-frames", GUINT_TO_POINTER (0));
      if (g_object_get_data (G_OBJECT (widget), "pb-remeasure-tick") == NULL)
        {
          guint id = gtk_widget_add_tick_callback (widget, code_block_remeasure, NULL, NULL);

          g_object_set_data (G_OBJECT (widget), "pb-remeasure-tick", GUINT_TO_POINTER (id));
        }
    }
}

/* The row's box: icon, value and buttons side by side. A GtkBox gives a wrapping label the
 * width it needs for the height it got, and a vertical box of labels asks for more width
 * than the row has (a URL of ${placeholders} ran off a narrow window). Here the icon and
 * buttons take their natural width and the value the rest, always. */
#define ROW_SPACING 12

/* The width the children that do not expand take, with the spacing after each. */
static int
fixed_width (GtkWidget *widget)
{
  int fixed = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      int child_natural = 0;

      if (!gtk_widget_should_layout (child) || gtk_widget_get_hexpand (child))
        continue;
      gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &child_natural, NULL, NULL);
      fixed += child_natural + ROW_SPACING;
    }

  return fixed;
}

static void
row_box_measure (GtkWidget      *widget,
                 GtkOrientation  orientation,
                 int             for_size,
                 int            *minimum,
                 int            *natural,
                 int            *minimum_baseline,
                 int            *natural_baseline)
{
  int fixed = 0;
  guint n_children = 0;

  *minimum = *natural = 0;

  /* The width left to the value, for a height for width. */
  if (orientation == GTK_ORIENTATION_VERTICAL && for_size >= 0)
    fixed = fixed_width (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      int child_minimum = 0;
      int child_natural = 0;
      int child_for_size = -1;

      if (!gtk_widget_should_layout (child))
        continue;

      if (orientation == GTK_ORIENTATION_VERTICAL && for_size >= 0
          && gtk_widget_get_hexpand (child))
        child_for_size = MAX (0, for_size - fixed);
      gtk_widget_measure (child, orientation, child_for_size, &child_minimum, &child_natural,
                          NULL, NULL);

      if (orientation == GTK_ORIENTATION_HORIZONTAL)
        {
          *minimum += child_minimum + (n_children > 0 ? ROW_SPACING : 0);
          *natural += child_natural + (n_children > 0 ? ROW_SPACING : 0);
        }
      else
        {
          *minimum = MAX (*minimum, child_minimum);
          *natural = MAX (*natural, child_natural);
        }
      n_children++;
    }
}

static void
row_box_allocate (GtkWidget *widget,
                  int        width,
                  int        height,
                  int        baseline)
{
  int fixed = fixed_width (widget);
  int x = 0;
  gboolean rtl = gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      int child_width = 0;
      int child_height = 0;
      int child_y = 0;
      GtkAllocation allocation;

      if (!gtk_widget_should_layout (child))
        continue;

      if (gtk_widget_get_hexpand (child))
        child_width = MAX (0, width - fixed);
      else
        gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &child_width,
                            NULL, NULL);

      /* Centered, or at the top, as the child's valign says. */
      gtk_widget_measure (child, GTK_ORIENTATION_VERTICAL, child_width, NULL, &child_height,
                          NULL, NULL);
      child_height = MIN (child_height, height);
      if (gtk_widget_get_valign (child) == GTK_ALIGN_CENTER)
        child_y = (height - child_height) / 2;
      else if (gtk_widget_get_valign (child) == GTK_ALIGN_END)
        child_y = height - child_height;
      else if (gtk_widget_get_valign (child) == GTK_ALIGN_FILL)
        child_height = height;

      allocation.x = rtl ? width - x - child_width : x;
      allocation.y = child_y;
      allocation.width = child_width;
      allocation.height = child_height;
      gtk_widget_size_allocate (child, &allocation, -1);
      x += child_width + ROW_SPACING;
    }
}

GtkLayoutManager *
_pb_page_property_code_layout_new (void)
{
  return gtk_custom_layout_new (code_block_request_mode, code_block_measure, code_block_allocate);
}

GtkLayoutManager *
_pb_page_property_row_layout_new (void)
{
  return gtk_custom_layout_new (code_block_request_mode, row_box_measure, row_box_allocate);
}
