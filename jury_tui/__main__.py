from jury_tui.cli import main

main()
