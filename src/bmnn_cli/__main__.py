from bmnn_cli.entry import main

main()
