"""What pages are built from: the stage component, charts, controls, navigation, the sidebar, accessibility CSS, the guard and the fragment helper."""
