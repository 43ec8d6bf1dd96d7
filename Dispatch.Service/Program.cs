using Dispatch.Service.Hosting;

var app = DispatchApp.Build(args);
await app.RunAsync();
