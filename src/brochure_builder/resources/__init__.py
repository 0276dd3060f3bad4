"""What asset files become for the layout: drawings, raster images, registered fonts,
colours of the palette, hyphenation dictionaries."""
